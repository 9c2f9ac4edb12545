/*
 * peripherals.cpp - the stand-ins for the sensor and driver chips espresso firmware uses, written
 * from the libraries' public interfaces and the chips' datasheets (behaviour in each header).
 * A peripheral the sketch uses but the pin map does not name stops the run with a line saying
 * what to add (exit code 78), rather than reading zeros.
 */
#include <math.h>
#include <stdio.h>

#include <string>

#include "Adafruit_ADS1X15.h"
#include "Adafruit_MAX31855.h"
#include "Arduino.h"
#include "HX711.h"
#include "PSM.h"
#include "RBDdimmer.h"
#include "kit.h"
#include "max6675.h"

namespace bfk {
namespace {

const Thermocouple &thermocouple(const char *chip, const char *libName, int cs) {
    for (auto &t : pins().thermocouples) {
        if (t.cs != cs) continue;
        if (t.chip != chip)
            configError(std::string("the sketch reads a ") + libName + " on CS pin " + std::to_string(cs) + ", but " +
                        pins().file + ":" + std::to_string(t.line) + " says that chip select is a " + t.chip);
        return t;
    }
    configError(std::string("the sketch reads a ") + libName + " on CS pin " + std::to_string(cs) + ", but " +
                pins().file + " has no thermocouple there (add to \"thermocouples\": {\"chip\": \"" + chip +
                "\", \"cs\": " + std::to_string(cs) + ", \"reads\": \"boiler\"})");
}

/** Rounded down to 0.25 °C steps within the chip's range; NaN stays NaN. */
double quarterDegrees(double c, double lo, double hi) {
    if (c != c) return c;
    if (c < lo) c = lo;
    if (c > hi) c = hi;
    return floor(c * 4.0) / 4.0;
}

std::string hex(int v) {
    char b[8];
    snprintf(b, sizeof b, "0x%02X", v);
    return b;
}

}  // namespace
}  // namespace bfk

using namespace bfk;

// ---------------------------------------------------------------- MAX6675

static const unsigned long long MAX6675_CONVERSION_US = 220000;  // datasheet: 0.17-0.22 s

MAX6675::MAX6675(int8_t SCLK, int8_t CS, int8_t MISO) : cs_(CS) {
    (void)SCLK;
    (void)MISO;
}

float MAX6675::readCelsius(void) {
    if (source_ < 0) source_ = thermocouple("max6675", "MAX6675", cs_).source;
    spin();
    unsigned long long now = nowUs();
    if (now - lastReadUs_ >= MAX6675_CONVERSION_US) {
        held_ = (float)quarterDegrees(temperatureC(source_), 0.0, 1023.75);
    } else if (!started_) {
        warnOnce("max6675-first" + std::to_string(cs_),
                 "MAX6675 on CS " + std::to_string(cs_) + " read " + std::to_string(now / 1000) +
                     " ms after power-up, before its first conversion (220 ms): it reads 0 C");
    } else {
        warnOnce("max6675-fast" + std::to_string(cs_),
                 "MAX6675 on CS " + std::to_string(cs_) + " read " + std::to_string((now - lastReadUs_) / 1000) +
                     " ms after the previous read: a conversion takes 220 ms and a read stops the one in progress, "
                     "so the reading did not change");
    }
    started_ = true;
    lastReadUs_ = now;  // the read ends the conversion; the next starts now
    return held_;
}

// ---------------------------------------------------------------- MAX31855

static const unsigned long long MAX31855_CONVERSION_US = 100000;  // datasheet: 70-100 ms

namespace {
struct Max31855State {
    unsigned long long nextUs = MAX31855_CONVERSION_US;
    double held = 0.0;  // the chip's output before its first conversion
    bool open = false;
};
Max31855State &state31855(int8_t cs) {
    static Max31855State states[256];
    return states[(uint8_t)cs];
}
}  // namespace

Adafruit_MAX31855::Adafruit_MAX31855(int8_t _sclk, int8_t _cs, int8_t _miso) : cs_(_cs) {
    (void)_sclk;
    (void)_miso;
}

Adafruit_MAX31855::Adafruit_MAX31855(int8_t _cs, SPIClass *_spi) : cs_(_cs) { (void)_spi; }

void Adafruit_MAX31855::bind() {
    if (source_ >= 0) return;
    source_ = thermocouple("max31855", "MAX31855", cs_).source;
    static bool listening[256];
    if (!listening[(uint8_t)cs_]) {
        listening[(uint8_t)cs_] = true;
        // conversions run from power-up whether or not the sketch reads: sample at every conversion time
        static int sources[256];
        sources[(uint8_t)cs_] = source_;
        auto sample = [](void *owner, const Frame &f) {
            int *src = static_cast<int *>(owner);
            Max31855State &st = state31855((int8_t)(src - sources));
            if (f.t_us < st.nextUs) return;
            double c = temperatureC(*src);
            st.open = c != c;
            st.held = quarterDegrees(c, -270.0, 1800.0);
            while (st.nextUs <= f.t_us) st.nextUs += MAX31855_CONVERSION_US;
        };
        registerListener({&sources[(uint8_t)cs_], nullptr, sample});
        sample(&sources[(uint8_t)cs_], frame());  // a chip first read late has converted already
    }
}

bool Adafruit_MAX31855::begin(void) {
    bind();
    return true;
}

double Adafruit_MAX31855::readCelsius(void) {
    bind();
    spin();
    const Max31855State &st = state31855(cs_);
    return st.open ? NAN : st.held;
}

double Adafruit_MAX31855::readFahrenheit(void) { return readCelsius() * 9.0 / 5.0 + 32.0; }

uint8_t Adafruit_MAX31855::readError(void) {
    bind();
    spin();
    return state31855(cs_).open ? MAX31855_FAULT_OPEN : MAX31855_FAULT_NONE;
}

// ---------------------------------------------------------------- ADS1X15

bool Adafruit_ADS1X15::begin(uint8_t i2c_addr, TwoWire *wire) {
    (void)wire;
    for (auto &p : pins().pressures) {
        if (p.adc == "analog" || p.address != i2c_addr) continue;
        if (p.adc != chip_)
            configError(std::string("the sketch starts an ") + (bits_ == 16 ? "ADS1115" : "ADS1015") + " at I2C address " +
                        hex(i2c_addr) + ", but " + pins().file + ":" + std::to_string(p.line) + " says it is an " + p.adc);
        address_ = i2c_addr;
        return true;
    }
    configError(std::string("the sketch starts an ") + (bits_ == 16 ? "ADS1115" : "ADS1015") + " at I2C address " +
                hex(i2c_addr) + ", but " + pins().file + " has no \"pressure\" entry there (add {\"adc\": \"" + chip_ +
                "\", \"address\": \"" + hex(i2c_addr) + "\", \"channel\": 0, \"sensor\": \"group\"})");
}

double Adafruit_ADS1X15::fullScaleVolts() const {
    switch (gain_) {
        case GAIN_ONE: return 4.096;
        case GAIN_TWO: return 2.048;
        case GAIN_FOUR: return 1.024;
        case GAIN_EIGHT: return 0.512;
        case GAIN_SIXTEEN: return 0.256;
        default: return 6.144;
    }
}

unsigned long long Adafruit_ADS1X15::conversionMicros() const {
    static const unsigned sps1115[8] = {8, 16, 32, 64, 128, 250, 475, 860};
    static const unsigned sps1015[8] = {128, 250, 490, 920, 1600, 2400, 3300, 3300};
    unsigned sps = (bits_ == 16 ? sps1115 : sps1015)[(rate_ >> 5) & 7];
    return (1000000ULL + sps - 1) / sps;
}

double Adafruit_ADS1X15::volts(int channel) {
    for (auto &p : pins().pressures)
        if (p.adc != "analog" && p.address == address_ && p.channel == channel) return transducerVolts(p.source);
    return 0.0;  // nothing wired to this input
}

int16_t Adafruit_ADS1X15::countsFor(uint16_t mux) {
    double v;
    switch (mux) {
        case ADS1X15_REG_CONFIG_MUX_DIFF_0_1: v = volts(0) - volts(1); break;
        case ADS1X15_REG_CONFIG_MUX_DIFF_0_3: v = volts(0) - volts(3); break;
        case ADS1X15_REG_CONFIG_MUX_DIFF_1_3: v = volts(1) - volts(3); break;
        case ADS1X15_REG_CONFIG_MUX_DIFF_2_3: v = volts(2) - volts(3); break;
        default: v = volts((mux >> 12) - 4); break;
    }
    double span = bits_ == 16 ? 32768.0 : 2048.0;
    double counts = floor(v / fullScaleVolts() * span + 0.5);
    if (counts > span - 1) counts = span - 1;
    if (counts < -span) counts = -span;
    return (int16_t)counts;
}

int16_t Adafruit_ADS1X15::readMux(uint16_t mux) {
    if (address_ < 0) configError(std::string("the sketch reads an ") + (bits_ == 16 ? "ADS1115" : "ADS1015") + " before begin()");
    startADCReading(mux, false);
    waitUs(conversionMicros());  // single shot: the library waits for the conversion
    return countsFor(mux);
}

int16_t Adafruit_ADS1X15::readADC_SingleEnded(uint8_t channel) {
    if (channel > 3) return 0;
    return readMux((uint16_t)(ADS1X15_REG_CONFIG_MUX_SINGLE_0 + (channel << 12)));
}

float Adafruit_ADS1X15::computeVolts(int16_t counts) {
    return (float)(counts * fullScaleVolts() / (bits_ == 16 ? 32768.0 : 2048.0));
}

void Adafruit_ADS1X15::startADCReading(uint16_t mux, bool continuous) {
    mux_ = mux;
    continuous_ = continuous;
    startedUs_ = nowUs();
}

bool Adafruit_ADS1X15::conversionComplete() {
    spin();
    return nowUs() >= startedUs_ + conversionMicros();
}

int16_t Adafruit_ADS1X15::getLastConversionResults() {
    if (address_ < 0) configError(std::string("the sketch reads an ") + (bits_ == 16 ? "ADS1115" : "ADS1015") + " before begin()");
    return countsFor(mux_);
}

// ---------------------------------------------------------------- HX711

void HX711::begin(uint8_t dout, uint8_t pd_sck, uint8_t gain) {
    const Scale &s = pins().scale;
    if (!s.present || s.dout != dout)
        configError("the sketch starts an HX711 on DOUT pin " + std::to_string(dout) + ", but " + pins().file +
                    " has no scale there (add \"scale\": {\"chip\": \"hx711\", \"dout\": " + std::to_string(dout) +
                    ", \"sck\": " + std::to_string(pd_sck) + "})");
    if (s.sck != pd_sck)
        warnOnce("hx711-sck", "HX711 started with SCK pin " + std::to_string(pd_sck) + ", the pin map says " +
                                  std::to_string(s.sck));
    dout_ = dout;
    bound_ = true;
    set_gain(gain);
    epochUs_ = nowUs();
    consumed_ = 0;
}

void HX711::set_gain(uint8_t gain) {
    if (gain != 128 && gain != 64 && gain != 32) gain = 128;
    gain_ = gain;
}

unsigned long long HX711::periodUs() const { return (unsigned long long)(1e6 / pins().scale.rateHz + 0.5); }

unsigned long long HX711::conversionsDone() const {
    if (!powered_) return consumed_;
    return (nowUs() - epochUs_) / periodUs();
}

bool HX711::is_ready() {
    if (!bound_) configError("the sketch uses an HX711 before begin()");
    spin();
    return conversionsDone() > consumed_;
}

long HX711::read() {
    if (!bound_) configError("the sketch reads an HX711 before begin()");
    if (!powered_) {
        warnOnce("hx711-down", "HX711 read() while powered down (the chip would never be ready): reads 0");
        return 0;
    }
    if (conversionsDone() <= consumed_) waitUntilUs(epochUs_ + (consumed_ + 1) * periodUs());
    consumed_ = conversionsDone();
    const Scale &s = pins().scale;
    const Frame &f = frame();
    static double lastGrams = 0.0;
    double grams = s.densityGPerMl * ((startTankMl() - f.tank_ml) - (f.drip_ml - startDripMl()));
    if (grams == grams) lastGrams = grams;  // a tank or drip reading with no data: hold the last weight
    double counts = s.offsetCounts;
    if (gain_ != 32) counts += lastGrams * s.countsPerGram * (gain_ == 64 ? 0.5 : 1.0);  // channel B: nothing wired
    counts = floor(counts + 0.5);
    if (counts > 8388607) counts = 8388607;
    if (counts < -8388608) counts = -8388608;
    return (long)counts;
}

void HX711::wait_ready(unsigned long delay_ms) {
    while (!is_ready()) delay(delay_ms);
}

bool HX711::wait_ready_retry(int retries, unsigned long delay_ms) {
    for (int i = 0; i < retries; i++) {
        if (is_ready()) return true;
        delay(delay_ms);
    }
    return false;
}

bool HX711::wait_ready_timeout(unsigned long timeout, unsigned long delay_ms) {
    unsigned long start = millis();
    while (millis() - start < timeout) {
        if (is_ready()) return true;
        delay(delay_ms);
    }
    return false;
}

long HX711::read_average(uint8_t times) {
    if (times == 0) times = 1;
    long long sum = 0;
    for (uint8_t i = 0; i < times; i++) sum += read();
    return (long)(sum / times);
}

void HX711::power_down() {
    consumed_ = conversionsDone();
    powered_ = false;
}

void HX711::power_up() {
    if (powered_) return;
    powered_ = true;
    epochUs_ = nowUs();
    consumed_ = 0;
}

// ---------------------------------------------------------------- PSM

PSM::PSM(unsigned char sensePin, unsigned char controlPin, unsigned int range, int mode, unsigned char divider,
         unsigned char interruptMinTimeDiff)
    : sensePin_(sensePin), controlPin_(controlPin), range_(range ? range : 1) {
    (void)mode;
    (void)interruptMinTimeDiff;
    registerPumpDriver({this, controlPin, [](const void *o) { return static_cast<const PSM *>(o)->duty(); }});
    registerListener({this, [](void *o, uint64_t t) { static_cast<PSM *>(o)->onMainsCycle(t); }, nullptr});
    if (divider != 1) setDivider(divider);
}

PSM::~PSM() { unregister(this); }

void PSM::set(unsigned int value) {
    const PinMap &m = pins();
    if (m.pump.pin != controlPin_)
        warnOnce("psm-pin" + std::to_string(controlPin_),
                 "PSM drives pin " + std::to_string(controlPin_) + ", but the pin map's pump is " +
                     (m.pump.pin < 0 ? std::string("not mapped") : "pin " + std::to_string(m.pump.pin)) +
                     ": the pump does not follow it");
    if (m.zeroCross >= 0 && m.zeroCross != sensePin_)
        warnOnce("psm-zc" + std::to_string(sensePin_),
                 "PSM senses the zero cross on pin " + std::to_string(sensePin_) + ", the pin map says pin " +
                     std::to_string(m.zeroCross));
    value_ = value > range_ ? range_ : value;
}

double PSM::duty() const { return (double)value_ / (double)range_; }

void PSM::onMainsCycle(unsigned long long tUs) {
    lastCycleUs_ = tUs;
    cycleTimes_[cycleHead_] = tUs;
    cycleHead_ = (cycleHead_ + 1) % 128;
    if (cycleCount_ < 128) cycleCount_++;
    accumulator_ += value_;
    if (accumulator_ >= range_) {
        accumulator_ -= range_;
        counter_++;
        if (stopAfter_ >= 0 && counter_ >= stopAfter_) {
            value_ = 0;
            stopAfter_ = -1;
        }
    }
}

long PSM::getCounter() {
    spin();
    return counter_;
}

void PSM::resetCounter() { counter_ = 0; }

void PSM::stopAfter(long counter) { stopAfter_ = counter; }

unsigned int PSM::cps() {
    spin();
    unsigned long long now = nowUs();
    unsigned n = 0;
    for (unsigned i = 0; i < cycleCount_; i++)
        if (now - cycleTimes_[i] < 1000000ULL) n++;
    return n;
}

unsigned long PSM::getLastMillis() { return (unsigned long)(lastCycleUs_ / 1000); }

void PSM::setDivider(unsigned char divider) {
    if (divider != 1) warnOnce("psm-divider", "PSM divider " + std::to_string(divider) + " is not simulated (1 is used)");
}

// ---------------------------------------------------------------- RBDdimmer

dimmerLamp::dimmerLamp(int user_dimmer_pin) : pin_(user_dimmer_pin) {
    registerPumpDriver({this, pin_, [](const void *o) { return static_cast<const dimmerLamp *>(o)->duty(); }});
}

dimmerLamp::dimmerLamp(int user_dimmer_pin, int zc_dimmer_pin) : dimmerLamp(user_dimmer_pin) { (void)zc_dimmer_pin; }

dimmerLamp::~dimmerLamp() { unregister(this); }

void dimmerLamp::begin(DIMMER_MODE_typedef DIMMER_MODE, ON_OFF_typedef ON_OFF) {
    setMode(DIMMER_MODE);
    state_ = ON_OFF;
}

void dimmerLamp::setPower(int power) {
    if (pins().pump.pin != pin_)
        warnOnce("dimmer-pin" + std::to_string(pin_), "dimmer on pin " + std::to_string(pin_) +
                                                          " is not the pin map's pump: the pump does not follow it");
    power_ = power < 0 ? 0 : power > 100 ? 100 : power;
}

void dimmerLamp::setMode(DIMMER_MODE_typedef DIMMER_MODE) {
    mode_ = DIMMER_MODE;
    if (mode_ == TOGGLE_MODE) warnOnce("dimmer-toggle", "dimmer TOGGLE_MODE is not simulated: the power holds");
}
