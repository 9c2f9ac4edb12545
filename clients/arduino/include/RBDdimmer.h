/*
 * RBDdimmer.h - a phase-angle (leading-edge) AC dimmer with the public interface of the RobotDyn
 * RBDdimmer library: dimmerLamp(outPin[, zcPin]), begin(mode, state), setPower(0..100),
 * getPower(), setState(), getState(), changeState(), setMode(), getMode().
 *
 * Driving the pin map's "pump" (on outPin): the plant models whole pump strokes, not partial
 * conduction, so a power of p % is passed as a pump duty of p/100 (the fraction of full power),
 * an approximation. TOGGLE_MODE's ramp is not simulated (the power holds, the kit says so once).
 */
#ifndef BACKFLUSH_RBDDIMMER_H
#define BACKFLUSH_RBDDIMMER_H

typedef enum { OFF = false, ON = true } ON_OFF_typedef;
typedef enum { NORMAL_MODE = 0, TOGGLE_MODE = 1 } DIMMER_MODE_typedef;

class dimmerLamp {
public:
    explicit dimmerLamp(int user_dimmer_pin);
    dimmerLamp(int user_dimmer_pin, int zc_dimmer_pin);
    ~dimmerLamp();
    dimmerLamp(const dimmerLamp &) = delete;
    dimmerLamp &operator=(const dimmerLamp &) = delete;
    void begin(DIMMER_MODE_typedef DIMMER_MODE, ON_OFF_typedef ON_OFF);
    void setPower(int power);
    int getPower(void) { return state_ ? power_ : 0; }
    void setState(ON_OFF_typedef ON_OFF) { state_ = ON_OFF; }
    bool getState(void) { return state_; }
    void changeState(void) { state_ = !state_; }
    void setMode(DIMMER_MODE_typedef DIMMER_MODE);
    DIMMER_MODE_typedef getMode(void) { return mode_; }
    void toggleSettings(int minValue, int maxValue) { (void)minValue; (void)maxValue; }

    /* Kit internals. */
    double duty() const { return state_ ? power_ / 100.0 : 0.0; }

private:
    int pin_;
    int power_ = 0;
    bool state_ = false;
    DIMMER_MODE_typedef mode_ = NORMAL_MODE;
};

#endif
