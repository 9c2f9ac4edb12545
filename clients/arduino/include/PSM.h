/*
 * PSM.h - pulse-skip modulation of a vibratory pump's triac on the mains zero-cross, with the
 * interface of the PSM library espresso firmware uses: PSM(sensePin, controlPin, range, mode,
 * divider, interruptMinTimeDiff), set(value), getCounter(), resetCounter(), stopAfter(n), cps(),
 * getLastMillis().
 *
 * The pump (the pin map's "pump" on controlPin) runs at duty value/range: the plant strokes the
 * pump once per mains cycle for that fraction of the cycles (docs/protocol.md). The counter counts
 * the mains cycles the kit fired for that duty (one per cycle of the zero-cross signal: a
 * half-wave detector, as on the library's modified dimmer boards). Only divider 1 is simulated.
 */
#ifndef BACKFLUSH_PSM_H
#define BACKFLUSH_PSM_H

#include <stdint.h>

class PSM {
public:
    PSM(unsigned char sensePin, unsigned char controlPin, unsigned int range, int mode = 3 /* RISING */,
        unsigned char divider = 1, unsigned char interruptMinTimeDiff = 0);
    ~PSM();
    PSM(const PSM &) = delete;
    PSM &operator=(const PSM &) = delete;
    void set(unsigned int value);
    long getCounter();
    void resetCounter();
    void stopAfter(long counter);
    unsigned int cps();
    unsigned long getLastMillis();
    unsigned char getDivider() { return 1; }
    void setDivider(unsigned char divider);

    /* Kit internals. */
    double duty() const;
    void onMainsCycle(unsigned long long tUs);

private:
    unsigned char sensePin_, controlPin_;
    unsigned int range_;
    unsigned int value_ = 0;
    long counter_ = 0;
    long stopAfter_ = -1;
    unsigned long accumulator_ = 0;
    unsigned long long lastCycleUs_ = 0;
    unsigned long long cycleTimes_[128] = {0};
    unsigned cycleHead_ = 0;
    unsigned cycleCount_ = 0;
};

#endif
