/*
 * Adafruit_MAX31855.h - a MAX31855 thermocouple amplifier with the public interface of the
 * Adafruit MAX31855 library: the software-SPI (CLK, CS, DO) and hardware-SPI (CS) constructors,
 * begin(), readCelsius(), readFahrenheit(), readInternal(), readError(), setFaultChecks().
 *
 * The pin map's "thermocouples" entry with "chip": "max31855" and this CS pin names the plant
 * temperature it reads. Conversions run continuously, one every 100 ms (the datasheet's 70-100 ms
 * conversion time); readings are 14-bit in 0.25 °C steps (rounded down). No reading (the plant's
 * dropout fault) is an open thermocouple: readCelsius() returns NAN and readError() returns
 * MAX31855_FAULT_OPEN. readInternal() (the cold junction, the board's own temperature) is not
 * simulated and returns 25 °C.
 */
#ifndef BACKFLUSH_ADAFRUIT_MAX31855_H
#define BACKFLUSH_ADAFRUIT_MAX31855_H

#include <stdint.h>

#include "SPI.h"

#define MAX31855_FAULT_NONE 0x00
#define MAX31855_FAULT_OPEN 0x01
#define MAX31855_FAULT_SHORT_GND 0x02
#define MAX31855_FAULT_SHORT_VCC 0x04
#define MAX31855_FAULT_ALL 0x07

class Adafruit_MAX31855 {
public:
    Adafruit_MAX31855(int8_t _sclk, int8_t _cs, int8_t _miso);
    Adafruit_MAX31855(int8_t _cs, SPIClass *_spi = &SPI);
    bool begin(void);
    double readInternal(void) { return 25.0; }
    double readCelsius(void);
    double readFahrenheit(void);
    double readFarenheit(void) { return readFahrenheit(); }
    uint8_t readError(void);
    void setFaultChecks(uint8_t faults) { faultMask_ = faults & MAX31855_FAULT_ALL; }

private:
    void bind();
    int8_t cs_;
    int source_ = -1;
    uint8_t faultMask_ = MAX31855_FAULT_ALL;
};

#endif
