/*
 * kit.h - the host kit's internals, shared by its sources (never included by a sketch).
 *
 * One process runs one sketch against one plant session. The runtime holds the latest sensor frame
 * and the pin table; the Arduino functions and the peripheral stand-ins read the frame and write
 * the pins; step() sends the actuator frame built from the pins and waits for the next sensor frame.
 */
#ifndef BACKFLUSH_KIT_H
#define BACKFLUSH_KIT_H

#include <stdint.h>
#include <stdio.h>

#include <string>
#include <vector>

namespace bfk {

/** What the plant said this tick (the protocol's sensor frame, decoded). */
struct Frame {
    uint32_t seq = 0;
    uint64_t t_us = 0;
    float group_bar = 0, line_bar = 0, boiler_c = 0, group_c = 0;
    uint32_t flow_pulses = 0;
    float tank_ml = 0, drip_ml = 0;
    uint16_t status = 0;
    uint16_t raw_zero_cross = 0;
    uint16_t raw_pressure_counts = 0; // the machine's transducer (protocol v2), ADS1115 counts
};

// ---- the pin map (pinmap.cpp) ----

struct Output {
    int pin = -1;
    bool activeLow = false;
    int line = 0;
};

struct Button {
    std::string name;
    int pin = -1;
    bool activeLow = false;
    int line = 0;
};

/** A thermocouple amplifier: chip, chip-select pin, and the plant temperature it reads. */
struct Thermocouple {
    std::string chip;  // max6675 | max31855
    int cs = -1;
    int source = 0;    // SRC_BOILER | SRC_GROUP
    int line = 0;
};

/** A pressure transducer on an ADC channel. */
struct Pressure {
    std::string adc;   // ads1115 | ads1015 | analog
    int address = -1;  // I2C address (ads1x15)
    int channel = -1;  // 0..3 (ads1x15)
    int pin = -1;      // analog pin
    int source = 0;    // SRC_GROUP_BAR | SRC_LINE_BAR | SRC_TRANSDUCER
    double vref = 5.0; // analog reference, V
    int bits = 10;     // analogRead resolution
    int line = 0;
};

struct Scale {
    bool present = false;
    int dout = -1, sck = -1;
    double countsPerGram = 1000.0;
    double offsetCounts = 50000.0;
    double rateHz = 10.0;
    double densityGPerMl = 1.0;
    int line = 0;
};

// SRC_TRANSDUCER: the transducer the machine file names (sensors.pressureTransducer), read from the
// frame's raw counts
enum { SRC_BOILER = 1, SRC_GROUP = 2, SRC_GROUP_BAR = 3, SRC_LINE_BAR = 4, SRC_TRANSDUCER = 5 };

struct PinMap {
    std::string file;
    bool unoInterrupts = false;
    Output pump, pumpRelay, solenoid, heater;
    int zeroCross = -1, flow = -1;
    std::vector<Button> buttons;
    std::vector<Thermocouple> thermocouples;
    std::vector<Pressure> pressures;
    Scale scale;
};

/** Loads and checks a pin map; a problem exits with "FILE:LINE: what" (exit code EXIT_CONFIG). */
PinMap loadPinMap(const std::string &path);

// ---- the runtime (runtime.cpp) ----

const int EXIT_CONFIG = 78;

const PinMap &pins();
const Frame &frame();
/** Simulation time now, µs: the frame's time plus time waited inside this tick. */
uint64_t nowUs();
uint32_t tickUs();
/** A polling call: after many in a row with no time passing, the plant steps a tick. */
void spin();
/** Lets `us` of plant time pass (delayMicroseconds), stepping ticks as they complete. */
void waitUs(uint64_t us);
/** Steps ticks until the frame's time reaches `tUs`. */
void waitUntilUs(uint64_t tUs);
/** The first frame's tank and drip-tray readings (the scale's zero). */
double startTankMl();
double startDripMl();

[[noreturn]] void configError(const std::string &message);
void warnOnce(const std::string &key, const std::string &message);

/** Something that sets the pump duty instead of the pump pin's level (PSM, a dimmer). */
struct PumpDriver {
    const void *owner;
    int pin;
    double (*duty)(const void *owner);
};
void registerPumpDriver(const PumpDriver &driver);
/** The duty a driver sets on `pin`, or -1 when none drives it. */
double driverDuty(int pin);

/** Told of every mains cycle (a rising edge of the zero-cross signal) and of every new frame. */
struct Listener {
    void *owner;
    void (*onMainsCycle)(void *owner, uint64_t tUs);  // may be null
    void (*onFrame)(void *owner, const Frame &frame); // may be null
};
void registerListener(const Listener &listener);
/** Forgets the drivers and listeners of an object that goes away. */
void unregister(const void *owner);

// ---- the core (core.cpp) ----

/** The transducer's output, V: 0.5-4.5 V for 0-12 bar (docs/protocol.md); no reading: 0 V. */
double transducerVolts(int source);
/** A probe temperature from the frame (NaN: no reading). */
double temperatureC(int source);
/** Whether an interrupt handler is running (time does not pass inside one). */
bool inInterrupt();

/** The actuator values the pins and drivers command now. */
float pumpDuty();
float heaterDuty();
bool solenoidEnergised();
/** Applies one new frame's inputs: flow pulses, zero crossings, button edges (and their interrupts). */
void deliverInputs(const Frame &previous, const Frame &now);
void setPresses(const std::vector<std::string> &specs);

// ---- EEPROM (eeprom.cpp) ----
void eepromBackingFile(const std::string &path);

// ---- Serial (print.cpp) ----
void serialSink(FILE *f);
void serialFlush();

}  // namespace bfk

#endif
