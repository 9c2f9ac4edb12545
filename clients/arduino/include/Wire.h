/*
 * Wire.h - the I2C bus object. The kit simulates peripherals at their libraries' interfaces
 * (Adafruit_ADS1X15, ...), not bus traffic: a sketch that talks to an I2C device directly finds
 * no device (endTransmission() returns 2, requestFrom() returns 0).
 */
#ifndef BACKFLUSH_WIRE_H
#define BACKFLUSH_WIRE_H

#include <stddef.h>
#include <stdint.h>

class TwoWire {
public:
    void begin() {}
    void begin(uint8_t address) { (void)address; }
    void begin(int sda, int scl) { (void)sda; (void)scl; }
    void end() {}
    void setClock(uint32_t hz) { (void)hz; }
    void beginTransmission(uint8_t address) { (void)address; }
    uint8_t endTransmission(bool stop = true) {
        (void)stop;
        return 2; /* address not acknowledged: nothing on the simulated bus */
    }
    uint8_t requestFrom(uint8_t address, uint8_t quantity, bool stop = true) {
        (void)address; (void)quantity; (void)stop;
        return 0;
    }
    size_t write(uint8_t b) { (void)b; return 1; }
    size_t write(const uint8_t *data, size_t n) { (void)data; return n; }
    int available() { return 0; }
    int read() { return -1; }
};

extern TwoWire Wire;

#endif
