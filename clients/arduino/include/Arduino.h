/*
 * Arduino.h - the Arduino core subset of the backflush host kit (C++17, host g++).
 *
 * Written from the public Arduino language reference (https://docs.arduino.cc/language-reference/).
 * The plant owns time: millis()/micros() are the simulation time of the current sensor frame,
 * loop() runs at least once per tick, delay() runs ticks holding the outputs, and a busy-wait on
 * any input (millis, micros, digitalRead, analogRead, yield, Serial.available, a peripheral's
 * ready flag) advances the plant after a run of calls that saw no time pass. See README.md.
 *
 * Host differences a sketch may notice: int is 32 bits (as on ESP32/ARM, not AVR's 16), long and
 * unsigned long are 64 bits (millis() does not wrap at 49.7 days), double is 64 bits.
 */
#ifndef BACKFLUSH_ARDUINO_H
#define BACKFLUSH_ARDUINO_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <type_traits>

#include "avr/pgmspace.h"

#ifndef ARDUINO
#define ARDUINO 10819
#endif
#define BACKFLUSH_HOST_KIT 1

#define HIGH 0x1
#define LOW 0x0

#define INPUT 0x0
#define OUTPUT 0x1
#define INPUT_PULLUP 0x2
#define INPUT_PULLDOWN 0x3

#define CHANGE 1
#define FALLING 2
#define RISING 3

#define LSBFIRST 0
#define MSBFIRST 1

#define PI 3.1415926535897932384626433832795
#define HALF_PI 1.5707963267948966192313216916398
#define TWO_PI 6.283185307179586476925286766559
#define DEG_TO_RAD 0.017453292519943295769236907684886
#define RAD_TO_DEG 57.295779513082320876798154814105
#define EULER 2.718281828459045235360287471352

#define LED_BUILTIN 13

/* Analog pins, Uno/Nano numbering (the pin map accepts "A0".."A7" and means these). */
static const uint8_t A0 = 14, A1 = 15, A2 = 16, A3 = 17, A4 = 18, A5 = 19, A6 = 20, A7 = 21;

/* Attributes some cores use on interrupt handlers; nothing on the host. */
#define IRAM_ATTR
#define ICACHE_RAM_ATTR
#define ARDUINO_ISR_ATTR

typedef uint8_t byte;
typedef bool boolean;
typedef uint16_t word;

#define bit(b) (1UL << (b))
#define bitRead(value, b) (((value) >> (b)) & 0x01)
#define bitSet(value, b) ((value) |= (1UL << (b)))
#define bitClear(value, b) ((value) &= ~(1UL << (b)))
#define bitWrite(value, b, bitvalue) ((bitvalue) ? bitSet(value, b) : bitClear(value, b))
#define lowByte(w) ((uint8_t)((w) & 0xff))
#define highByte(w) ((uint8_t)((w) >> 8))

template <class T, class U>
constexpr typename std::common_type<T, U>::type min(const T &a, const U &b) {
    return b < a ? b : a;
}
template <class T, class U>
constexpr typename std::common_type<T, U>::type max(const T &a, const U &b) {
    return a < b ? b : a;
}
template <class T, class L, class H>
constexpr T constrain(const T &x, const L &low, const H &high) {
    return x < low ? (T)low : (high < x ? (T)high : x);
}
template <class T>
constexpr T sq(const T &x) { return x * x; }
template <class T>
constexpr double radians(const T &deg) { return deg * DEG_TO_RAD; }
template <class T>
constexpr double degrees(const T &rad) { return rad * RAD_TO_DEG; }

/** Re-maps a number from one range to another, in integer arithmetic (as the reference says). */
long map(long x, long in_min, long in_max, long out_min, long out_max);

/* Digital and analog I/O. */
void pinMode(uint8_t pin, uint8_t mode);
void digitalWrite(uint8_t pin, uint8_t val);
int digitalRead(uint8_t pin);
int analogRead(uint8_t pin);
void analogReadResolution(int bits);
void analogWrite(uint8_t pin, int val);
void analogWriteResolution(int bits);

/* Time: the plant's. */
unsigned long millis(void);
unsigned long micros(void);
void delay(unsigned long ms);
void delayMicroseconds(unsigned int us);
void yield(void);

/* Interrupts: interrupt numbers are pin numbers unless the pin map says "board": "uno". */
int digitalPinToInterrupt(uint8_t pin);
void attachInterrupt(uint8_t interruptNum, void (*userFunc)(void), int mode);
void detachInterrupt(uint8_t interruptNum);
void noInterrupts(void);
void interrupts(void);

/* Random numbers (seeded, deterministic). */
long random(long howbig);
long random(long howsmall, long howbig);
void randomSeed(unsigned long seed);

/* The sketch. */
void setup(void);
void loop(void);

#include "WString.h"
#include "Print.h"
#include "HardwareSerial.h"

#endif
