/*
 * HX711.h - an HX711 load-cell amplifier with the public interface of the bogde HX711 library:
 * begin(dout, pd_sck, gain), is_ready(), wait_ready*(), read(), read_average(times),
 * get_value(times), get_units(times), tare(times), set_scale(), get_scale(), set_offset(),
 * get_offset(), set_gain(), power_down(), power_up().
 *
 * The pin map's "scale" entry with this DOUT pin gives the calibration (counts_per_gram,
 * offset_counts: the empty platform's reading) and the output rate (10 or 80 samples/s, the
 * datasheet's two rates). read() waits for the next conversion like the real chip, so
 * read_average(10) at 10 samples/s takes a second of plant time.
 *
 * What it weighs: the sensor frame carries no cup volume (and today's HIL plant has a blind
 * basket), so the kit weighs the closest honest signal: the water that left the tank and did not
 * reach the drip tray, (tank at start - tank_ml) - (drip_ml - drip at start), times the pin map's
 * density (1.0 g/ml by default). That is the cup plus whatever the machine holds back (against a
 * blind basket: the water pushed into the group). See README, "Your Arduino firmware against the plant".
 */
#ifndef BACKFLUSH_HX711_H
#define BACKFLUSH_HX711_H

#include <stdint.h>

class HX711 {
public:
    void begin(uint8_t dout, uint8_t pd_sck, uint8_t gain = 128);
    bool is_ready();
    void set_gain(uint8_t gain = 128);
    long read();
    void wait_ready(unsigned long delay_ms = 0);
    bool wait_ready_retry(int retries = 3, unsigned long delay_ms = 0);
    bool wait_ready_timeout(unsigned long timeout = 1000, unsigned long delay_ms = 0);
    long read_average(uint8_t times = 10);
    double get_value(uint8_t times = 1) { return (double)(read_average(times) - offset_); }
    float get_units(uint8_t times = 1) { return (float)(get_value(times) / scale_); }
    void tare(uint8_t times = 10) { set_offset(read_average(times)); }
    void set_scale(float scale = 1.f) { scale_ = scale; }
    float get_scale() { return scale_; }
    void set_offset(long offset = 0) { offset_ = offset; }
    long get_offset() { return offset_; }
    void power_down();
    void power_up();

private:
    unsigned long long periodUs() const;
    unsigned long long conversionsDone() const;
    int dout_ = -1;
    uint8_t gain_ = 128;
    bool bound_ = false;
    bool powered_ = true;
    unsigned long long epochUs_ = 0;
    unsigned long long consumed_ = 0;
    long offset_ = 0;
    float scale_ = 1.f;
};

#endif
