/*
 * Adafruit_ADS1X15.h - ADS1115 (16-bit) and ADS1015 (12-bit) ADCs with the public interface of
 * the Adafruit ADS1X15 library: begin(address, wire), setGain()/getGain(), setDataRate()/
 * getDataRate(), readADC_SingleEnded(channel), readADC_Differential_0_1() (and 0_3, 1_3, 2_3),
 * computeVolts(counts), startADCReading(mux, continuous), conversionComplete(),
 * getLastConversionResults().
 *
 * The pin map's "pressure" entries with this "adc" and I2C "address" say which channel carries the
 * pressure transducer and which plant pressure it measures ("group", or "pump"/"line": the pump
 * outlet). The transducer gives 0.5-4.5 V for 0-12 bar (docs/protocol.md, "Raw signals"; no
 * reading gives 0 V); other channels read 0 V. Counts are volts / full-scale range x 32768 (ADS1115)
 * or x 2048 (ADS1015), clipped at the ends, so at GAIN_TWOTHIRDS they are the protocol's
 * raw_pressure_counts. A single-shot read takes one conversion (1/data rate: 7.8 ms at the
 * ADS1115's default 128 samples/s), during which the plant runs on.
 */
#ifndef BACKFLUSH_ADAFRUIT_ADS1X15_H
#define BACKFLUSH_ADAFRUIT_ADS1X15_H

#include <stdint.h>

#include "Wire.h"

#define ADS1X15_ADDRESS 0x48

/* Register values from the ADS1115 datasheet (config register: PGA bits 11:9, data rate 7:5, mux 14:12). */
typedef enum {
    GAIN_TWOTHIRDS = 0x0000,
    GAIN_ONE = 0x0200,
    GAIN_TWO = 0x0400,
    GAIN_FOUR = 0x0600,
    GAIN_EIGHT = 0x0800,
    GAIN_SIXTEEN = 0x0A00
} adsGain_t;

#define RATE_ADS1015_128SPS 0x0000
#define RATE_ADS1015_250SPS 0x0020
#define RATE_ADS1015_490SPS 0x0040
#define RATE_ADS1015_920SPS 0x0060
#define RATE_ADS1015_1600SPS 0x0080
#define RATE_ADS1015_2400SPS 0x00A0
#define RATE_ADS1015_3300SPS 0x00C0

#define RATE_ADS1115_8SPS 0x0000
#define RATE_ADS1115_16SPS 0x0020
#define RATE_ADS1115_32SPS 0x0040
#define RATE_ADS1115_64SPS 0x0060
#define RATE_ADS1115_128SPS 0x0080
#define RATE_ADS1115_250SPS 0x00A0
#define RATE_ADS1115_475SPS 0x00C0
#define RATE_ADS1115_860SPS 0x00E0

#define ADS1X15_REG_CONFIG_MUX_DIFF_0_1 0x0000
#define ADS1X15_REG_CONFIG_MUX_DIFF_0_3 0x1000
#define ADS1X15_REG_CONFIG_MUX_DIFF_1_3 0x2000
#define ADS1X15_REG_CONFIG_MUX_DIFF_2_3 0x3000
#define ADS1X15_REG_CONFIG_MUX_SINGLE_0 0x4000
#define ADS1X15_REG_CONFIG_MUX_SINGLE_1 0x5000
#define ADS1X15_REG_CONFIG_MUX_SINGLE_2 0x6000
#define ADS1X15_REG_CONFIG_MUX_SINGLE_3 0x7000

class Adafruit_ADS1X15 {
public:
    bool begin(uint8_t i2c_addr = ADS1X15_ADDRESS, TwoWire *wire = &Wire);
    int16_t readADC_SingleEnded(uint8_t channel);
    int16_t readADC_Differential_0_1() { return readMux(ADS1X15_REG_CONFIG_MUX_DIFF_0_1); }
    int16_t readADC_Differential_0_3() { return readMux(ADS1X15_REG_CONFIG_MUX_DIFF_0_3); }
    int16_t readADC_Differential_1_3() { return readMux(ADS1X15_REG_CONFIG_MUX_DIFF_1_3); }
    int16_t readADC_Differential_2_3() { return readMux(ADS1X15_REG_CONFIG_MUX_DIFF_2_3); }
    float computeVolts(int16_t counts);
    void setGain(adsGain_t gain) { gain_ = gain; }
    adsGain_t getGain() { return gain_; }
    void setDataRate(uint16_t rate) { rate_ = rate; }
    uint16_t getDataRate() { return rate_; }
    void startADCReading(uint16_t mux, bool continuous);
    bool conversionComplete();
    int16_t getLastConversionResults();

protected:
    Adafruit_ADS1X15(int bits, const char *chip, uint16_t defaultRate) : bits_(bits), chip_(chip), rate_(defaultRate) {}

private:
    int16_t readMux(uint16_t mux);
    int16_t countsFor(uint16_t mux);
    double volts(int channel);
    double fullScaleVolts() const;
    unsigned long long conversionMicros() const;
    int bits_;
    const char *chip_;
    uint16_t rate_;
    adsGain_t gain_ = GAIN_TWOTHIRDS;
    int address_ = -1;
    uint16_t mux_ = ADS1X15_REG_CONFIG_MUX_SINGLE_0;
    bool continuous_ = false;
    unsigned long long startedUs_ = 0;
};

class Adafruit_ADS1115 : public Adafruit_ADS1X15 {
public:
    Adafruit_ADS1115() : Adafruit_ADS1X15(16, "ads1115", RATE_ADS1115_128SPS) {}
};

class Adafruit_ADS1015 : public Adafruit_ADS1X15 {
public:
    Adafruit_ADS1015() : Adafruit_ADS1X15(12, "ads1015", RATE_ADS1015_1600SPS) {}
};

#endif
