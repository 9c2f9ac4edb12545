/*
 * max6675.h - a MAX6675 K-type thermocouple amplifier, with the public interface of the
 * Adafruit MAX6675 library: MAX6675(SCLK, CS, MISO), readCelsius(), readFahrenheit().
 *
 * The pin map's "thermocouples" entry with "chip": "max6675" and this CS pin says which plant
 * temperature it reads ("boiler" or "group": the sensor frame's probe readings). As the datasheet
 * says: 12 bits in 0.25 °C steps (rounded down), 0..1023.75 °C; a conversion takes 220 ms and a
 * read stops the one in progress, so a sketch that reads more often than every 220 ms keeps
 * getting the same value (the kit says so once on stderr); the first conversion completes 220 ms
 * after power-up (reads before that return 0 °C). An open thermocouple (no reading: the plant's
 * dropout fault) returns NAN.
 */
#ifndef BACKFLUSH_MAX6675_H
#define BACKFLUSH_MAX6675_H

#include <stdint.h>

class MAX6675 {
public:
    MAX6675(int8_t SCLK, int8_t CS, int8_t MISO);
    float readCelsius(void);
    float readFahrenheit(void) { return readCelsius() * 9.0f / 5.0f + 32.0f; }
    float readFarenheit(void) { return readFahrenheit(); }

private:
    int8_t cs_;
    int source_ = -1;
    bool started_ = false;
    unsigned long long lastReadUs_ = 0;
    float held_ = 0.0f;
};

#endif
