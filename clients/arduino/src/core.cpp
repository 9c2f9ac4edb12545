/*
 * core.cpp - the Arduino core functions: the pin table, analog I/O, time, interrupts, buttons
 * pressed on a schedule, and the actuator values the pins command.
 *
 * Inputs from the plant arrive with each sensor frame (deliverInputs): flow-meter pulses (a rising
 * and a falling edge each), the mains zero-cross signal (a square wave, high during the positive
 * half-wave: one rising edge per mains cycle) and button edges; each edge calls the interrupt
 * handler attached to that pin (held while interrupts are off, as one pending request per pin).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "Arduino.h"
#include "SPI.h"
#include "Wire.h"
#include "kit.h"

TwoWire Wire;
SPIClass SPI;

namespace bfk {
namespace {

struct Pin {
    uint8_t mode = INPUT;
    uint8_t level = LOW;
    int pwm = -1;  // analogWrite value, -1: digital
    bool written = false;
    void (*isr)(void) = nullptr;
    int isrMode = 0;
    bool pending = false;
};

struct Press {
    std::string name;
    int pin;
    bool activeLow;
    uint64_t fromUs, toUs;
};

Pin g_pin[256];
bool g_irqEnabled = true;
bool g_inIsr = false;
int g_analogReadBits = -1;  // -1: the pin map's (the board's) resolution
int g_analogWriteBits = 8;
uint8_t g_flowLevel = LOW;
std::vector<Press> g_presses;
/* Function-local: sketch globals register from their constructors, before main(). */
std::vector<PumpDriver> &drivers() {
    static std::vector<PumpDriver> v;
    return v;
}
std::vector<Listener> &listeners() {
    static std::vector<Listener> v;
    return v;
}
uint64_t g_random = 0x853c49e6748fea9bULL;

void callIsr(Pin &p) {
    if (!g_irqEnabled) {
        p.pending = true;
        return;
    }
    g_inIsr = true;
    p.isr();
    g_inIsr = false;
}

void edge(int pin, bool rising) {
    if (pin < 0) return;
    Pin &p = g_pin[pin];
    if (!p.isr) return;
    if (p.isrMode == CHANGE || (p.isrMode == RISING && rising) || (p.isrMode == FALLING && !rising)) callIsr(p);
}

bool pressed(int pin, uint64_t tUs, bool &activeLow) {
    bool on = false;
    for (auto &b : pins().buttons)
        if (b.pin == pin) activeLow = b.activeLow;
    for (auto &p : g_presses)
        if (p.pin == pin && tUs >= p.fromUs && tUs < p.toUs) on = true;
    return on;
}

const Button *button(int pin) {
    for (auto &b : pins().buttons)
        if (b.pin == pin) return &b;
    return nullptr;
}

uint8_t buttonLevel(const Button &b, uint64_t tUs) {
    bool activeLow = b.activeLow;
    bool on = pressed(b.pin, tUs, activeLow);
    return on != activeLow ? HIGH : LOW;
}

double outputValue(const Output &o, const char *what) {
    if (o.pin < 0) return 0.0;
    double d = driverDuty(o.pin);
    if (d >= 0) return d > 1.0 ? 1.0 : d;
    const Pin &p = g_pin[o.pin];
    if (p.mode != OUTPUT) {
        // high impedance: the relay or SSR is off (writing before pinMode is a common idiom in setup)
        if (p.written && nowUs() > 1000000)
            warnOnce(std::string("mode") + std::to_string(o.pin),
                     std::string("pin ") + std::to_string(o.pin) + " (" + what +
                         ") is written but was never set to OUTPUT: it is not driven, so the " + what + " stays off");
        return 0.0;
    }
    if (p.pwm >= 0) {
        double duty = p.pwm / (double)((1 << g_analogWriteBits) - 1);
        if (duty > 1.0) duty = 1.0;
        return o.activeLow ? 1.0 - duty : duty;
    }
    bool on = o.activeLow ? p.level == LOW : p.level == HIGH;
    return on ? 1.0 : 0.0;
}

}  // namespace

double transducerVolts(int source) {
    const Frame &f = frame();
    if (source == SRC_TRANSDUCER) {
        // the server's ADS1115 counts at +-6.144 V full scale (docs/protocol.md, "Raw signals"); 0: no signal
        return f.raw_pressure_counts * (6.144 / 32768.0);
    }
    double bar = source == SRC_GROUP_BAR ? f.group_bar : f.line_bar;
    if (bar != bar) return 0.0;  // no reading: the sensor's output at 0 V
    if (bar < -1.0) bar = -1.0;
    return 0.5 + 4.0 * bar / 12.0;
}

double temperatureC(int source) {
    const Frame &f = frame();
    return source == SRC_BOILER ? f.boiler_c : f.group_c;
}

void registerPumpDriver(const PumpDriver &driver) { drivers().push_back(driver); }
void registerListener(const Listener &listener) { listeners().push_back(listener); }

void unregister(const void *owner) {
    auto &d = drivers();
    for (size_t i = d.size(); i-- > 0;)
        if (d[i].owner == owner) d.erase(d.begin() + (long)i);
    auto &l = listeners();
    for (size_t i = l.size(); i-- > 0;)
        if (l[i].owner == owner) l.erase(l.begin() + (long)i);
}

double driverDuty(int pin) {
    for (auto &d : drivers())
        if (d.pin == pin) return d.duty(d.owner);
    return -1.0;
}

bool inInterrupt() { return g_inIsr; }

float pumpDuty() {
    const PinMap &m = pins();
    double relay = m.pumpRelay.pin >= 0 ? outputValue(m.pumpRelay, "pump_relay") : 1.0;
    double drive = m.pump.pin >= 0 ? outputValue(m.pump, "pump") : (m.pumpRelay.pin >= 0 ? 1.0 : 0.0);
    return (float)(relay * drive);
}

float heaterDuty() { return (float)outputValue(pins().heater, "heater"); }

bool solenoidEnergised() { return outputValue(pins().solenoid, "solenoid") >= 0.5; }

void setPresses(const std::vector<std::string> &specs) {
    for (const std::string &spec : specs) {
        size_t c1 = spec.find(':');
        if (c1 == std::string::npos) configError("--press " + spec + ": expected NAME:AT_SECONDS[:FOR_SECONDS]");
        std::string name = spec.substr(0, c1);
        std::string rest = spec.substr(c1 + 1);
        size_t c2 = rest.find(':');
        std::string at = rest.substr(0, c2);
        std::string dur = c2 == std::string::npos ? "0.2" : rest.substr(c2 + 1);
        char *e1 = nullptr, *e2 = nullptr;
        double atS = strtod(at.c_str(), &e1), forS = strtod(dur.c_str(), &e2);
        if (at.empty() || *e1 || dur.empty() || *e2 || !(atS >= 0) || !(forS > 0))
            configError("--press " + spec + ": expected NAME:AT_SECONDS[:FOR_SECONDS] with AT >= 0 and FOR > 0");
        const Button *b = nullptr;
        std::string names;
        for (auto &x : pins().buttons) {
            if (x.name == name) b = &x;
            names += (names.empty() ? "" : ", ") + x.name;
        }
        if (!b)
            configError("--press " + spec + ": the pin map has no button \"" + name + "\"" +
                        (names.empty() ? std::string(" (it has no buttons)") : " (buttons: " + names + ")"));
        g_presses.push_back({name, b->pin, b->activeLow, (uint64_t)(atS * 1e6 + 0.5), (uint64_t)((atS + forS) * 1e6 + 0.5)});
    }
}

void deliverInputs(const Frame &previous, const Frame &now) {
    const PinMap &m = pins();
    for (auto &l : listeners())
        if (l.onFrame) l.onFrame(l.owner, now);
    uint32_t pulses = now.flow_pulses - previous.flow_pulses;
    if (pulses > 100000) pulses = 0;  // not a pulse train: a reset or a dropout
    for (uint32_t k = 0; k < pulses; k++) {
        g_flowLevel = HIGH;
        edge(m.flow, true);
        g_flowLevel = LOW;
        edge(m.flow, false);
    }
    uint16_t crossings = (uint16_t)(now.raw_zero_cross - previous.raw_zero_cross);
    for (uint16_t k = 0; k < crossings; k++) {
        uint16_t index = (uint16_t)(previous.raw_zero_cross + k + 1);
        bool rising = index % 2 == 1;
        edge(m.zeroCross, rising);
        if (rising)
            for (auto &l : listeners())
                if (l.onMainsCycle) l.onMainsCycle(l.owner, now.t_us);
    }
    for (auto &b : m.buttons) {
        uint8_t before = buttonLevel(b, previous.t_us), after = buttonLevel(b, now.t_us);
        if (before != after) edge(b.pin, after == HIGH);
    }
}

}  // namespace bfk

using namespace bfk;

void pinMode(uint8_t pin, uint8_t mode) {
    g_pin[pin].mode = mode;
    if (mode == INPUT_PULLUP) g_pin[pin].level = HIGH;
}

void digitalWrite(uint8_t pin, uint8_t val) {
    Pin &p = g_pin[pin];
    p.level = val ? HIGH : LOW;
    p.pwm = -1;
    p.written = true;
}

int digitalRead(uint8_t pin) {
    spin();
    const PinMap &m = pins();
    if (const Button *b = button(pin)) return buttonLevel(*b, nowUs());
    if (pin == m.flow) return g_flowLevel;
    if (m.zeroCross >= 0 && pin == m.zeroCross) return frame().raw_zero_cross % 2 == 1 ? HIGH : LOW;
    const Pin &p = g_pin[pin];
    if (p.mode == OUTPUT) return p.pwm >= 0 ? (p.pwm > 0 ? HIGH : LOW) : p.level;
    return p.mode == INPUT_PULLUP ? HIGH : LOW;
}

int analogRead(uint8_t pin) {
    spin();
    for (auto &t : pins().pressures) {
        if (t.adc == "analog" && t.pin == pin) {
            int bits = g_analogReadBits > 0 ? g_analogReadBits : t.bits;
            double full = (double)((1L << bits) - 1);
            double counts = floor(transducerVolts(t.source) / t.vref * full + 0.5);
            return (int)(counts < 0 ? 0 : counts > full ? full : counts);
        }
    }
    warnOnce("analog" + std::to_string(pin), "analogRead(" + std::to_string(pin) +
                                                 ") of a pin the pin map does not name: it reads 0");
    return 0;
}

void analogReadResolution(int bits) {
    if (bits >= 1 && bits <= 16) g_analogReadBits = bits;
}

void analogWrite(uint8_t pin, int val) {
    Pin &p = g_pin[pin];
    p.mode = OUTPUT;  // as the AVR core does
    int top = (1 << g_analogWriteBits) - 1;
    p.pwm = val < 0 ? 0 : val > top ? top : val;
    p.level = p.pwm > 0 ? HIGH : LOW;
}

void analogWriteResolution(int bits) {
    if (bits >= 1 && bits <= 16) g_analogWriteBits = bits;
}

unsigned long millis(void) {
    spin();
    return (unsigned long)(nowUs() / 1000);
}

unsigned long micros(void) {
    spin();
    return (unsigned long)nowUs();
}

void delay(unsigned long ms) {
    if (g_inIsr) {
        warnOnce("isrdelay", "delay() inside an interrupt handler returns at once (time does not pass in an ISR)");
        return;
    }
    waitUs((uint64_t)ms * 1000);
}

void delayMicroseconds(unsigned int us) {
    if (g_inIsr) return;
    waitUs(us);
}

void yield(void) { spin(); }

int digitalPinToInterrupt(uint8_t pin) {
    if (!pins().unoInterrupts) return pin;
    return pin == 2 ? 0 : pin == 3 ? 1 : -1;
}

static int interruptPin(uint8_t num) {
    if (!pins().unoInterrupts) return num;
    return num == 0 ? 2 : num == 1 ? 3 : -1;
}

void attachInterrupt(uint8_t interruptNum, void (*userFunc)(void), int mode) {
    int pin = interruptPin(interruptNum);
    if (pin < 0) {
        warnOnce("irq" + std::to_string(interruptNum), "attachInterrupt(" + std::to_string(interruptNum) +
                                                           "): not an interrupt of an Uno (0: pin 2, 1: pin 3)");
        return;
    }
    g_pin[pin].isr = userFunc;
    g_pin[pin].isrMode = mode;
    g_pin[pin].pending = false;
}

void detachInterrupt(uint8_t interruptNum) {
    int pin = interruptPin(interruptNum);
    if (pin >= 0) g_pin[pin].isr = nullptr;
}

void noInterrupts(void) { g_irqEnabled = false; }

void interrupts(void) {
    if (g_irqEnabled) return;
    g_irqEnabled = true;
    for (auto &p : g_pin) {
        if (p.pending && p.isr) {
            p.pending = false;
            callIsr(p);
        }
    }
}

long map(long x, long in_min, long in_max, long out_min, long out_max) {
    if (in_max == in_min) {
        warnOnce("map0", "map() with in_min == in_max (a division by zero on the board) returns out_min");
        return out_min;
    }
    return (x - in_min) * (out_max - out_min) / (in_max - in_min) + out_min;
}

static uint32_t nextRandom() {
    g_random ^= g_random << 13;
    g_random ^= g_random >> 7;
    g_random ^= g_random << 17;
    return (uint32_t)(g_random >> 16);
}

long random(long howbig) { return howbig <= 0 ? 0 : (long)(nextRandom() % (uint32_t)howbig); }

long random(long howsmall, long howbig) { return howsmall >= howbig ? howsmall : howsmall + random(howbig - howsmall); }

void randomSeed(unsigned long seed) {
    if (seed != 0) g_random = seed * 0x9E3779B97F4A7C15ULL;
}
