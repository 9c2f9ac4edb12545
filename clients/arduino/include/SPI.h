/*
 * SPI.h - the SPI bus object. As with Wire, peripherals are simulated at their libraries'
 * interfaces (MAX6675, Adafruit_MAX31855, HX711), not bus traffic; transfer() reads 0.
 */
#ifndef BACKFLUSH_SPI_H
#define BACKFLUSH_SPI_H

#include <stddef.h>
#include <stdint.h>

#define SPI_MODE0 0x00
#define SPI_MODE1 0x04
#define SPI_MODE2 0x08
#define SPI_MODE3 0x0C

class SPISettings {
public:
    SPISettings() = default;
    SPISettings(uint32_t clock, uint8_t bitOrder, uint8_t dataMode) { (void)clock; (void)bitOrder; (void)dataMode; }
};

class SPIClass {
public:
    void begin() {}
    void end() {}
    void beginTransaction(SPISettings settings) { (void)settings; }
    void endTransaction() {}
    uint8_t transfer(uint8_t data) { (void)data; return 0; }
    uint16_t transfer16(uint16_t data) { (void)data; return 0; }
    void transfer(void *buf, size_t count) { memset_zero(buf, count); }
    void setBitOrder(uint8_t order) { (void)order; }
    void setDataMode(uint8_t mode) { (void)mode; }
    void setClockDivider(uint8_t div) { (void)div; }

private:
    static void memset_zero(void *buf, size_t count) {
        uint8_t *p = static_cast<uint8_t *>(buf);
        for (size_t i = 0; i < count; i++) p[i] = 0;
    }
};

extern SPIClass SPI;

#endif
