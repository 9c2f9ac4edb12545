/*
 * example_firmware.c - an espresso-machine controller as open firmware ships it, run against the
 * backflush plant server over the binary protocol (backflush_hil.h):
 *
 *   - a boiler PID loop (every 100 ms, on the boiler thermocouple) with thermocouple safety:
 *     no reading (NaN), an impossible reading, or a reading frozen for 2 s while the PID asks for
 *     heat latch a fault that turns the heater off;
 *   - a backflush state machine: fill (pump on, solenoid energised) until the group pressure is
 *     quiet, release (pump off, solenoid released) for 4 s, repeat; then the rinse cycles.
 *
 * Usage:
 *   example_firmware HOST PORT CYCLES RINSE SETPOINT_C [FAULT_SPEC]   run the program
 *   example_firmware HOST PORT --bench STEPS [--spin-us US]           time STEPS lockstep round trips, polling
 *                                                                     US µs before each blocking read (bfh_set_spin_us)
 *   HOST may be unix:PATH for a server started with `serve --unix PATH` (PORT is then ignored).
 *
 * Build: cc -O2 -o example_firmware example_firmware.c
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backflush_hil.h"

typedef struct {
    double kp, ki, kd, integral, last_meas, out;
    int primed;
} pid_t_;

static double pid_update(pid_t_ *p, double setpoint, double meas, double dt) {
    double err = setpoint - meas;
    double deriv = p->primed ? (meas - p->last_meas) / dt : 0.0;
    p->primed = 1;
    p->last_meas = meas;
    double candidate = p->integral + err * dt;
    double out = p->kp * err + p->ki * candidate - p->kd * deriv;
    if (out > 0.0 && out < 1.0) p->integral = candidate; /* anti-windup: integrate only when not saturated */
    if (out < 0.0) out = 0.0;
    if (out > 1.0) out = 1.0;
    p->out = out;
    return out;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int bench(bfh_conn *c, long steps) {
    bfh_sensors s;
    if (bfh_recv_sensors(c, &s) != 0) return 1;
    double t0 = now_s();
    for (long i = 0; i < steps; i++) {
        bfh_actuators a = {s.seq, s.t_us, 0.0f, 0.05f, 0};
        if (bfh_send_actuators(c, &a) != 0 || bfh_recv_sensors(c, &s) != 0) return 1;
    }
    double dt = now_s() - t0;
    printf("bench steps=%ld seconds=%.3f steps_per_s=%.0f spin_hits=%u spin_misses=%u\n", steps, dt, steps / dt,
           c->spin_hits, c->spin_misses);
    bfh_bye(c);
    return 0;
}

enum { FILL, RELEASE, DONE };

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s HOST PORT CYCLES RINSE SETPOINT_C [FAULT_SPEC] | HOST PORT --bench STEPS [--spin-us US]\n", argv[0]);
        return 2;
    }
    bfh_conn c;
    int connected = strncmp(argv[1], "unix:", 5) == 0 ? bfh_connect_unix(&c, argv[1] + 5)
                                                       : bfh_connect(&c, argv[1], atoi(argv[2]));
    if (connected != 0 || bfh_hello(&c, 0, 0) != 0) {
        fprintf(stderr, "cannot connect to %s:%s\n", argv[1], argv[2]);
        return 1;
    }
    if (strcmp(argv[3], "--bench") == 0) {
        if (argc > 6 && strcmp(argv[5], "--spin-us") == 0) bfh_set_spin_us(&c, (uint32_t)atol(argv[6]));
        else if (argc > 5) { fprintf(stderr, "--bench STEPS takes only --spin-us US after it, got %s\n", argv[5]); return 2; }
        return bench(&c, atol(argv[4]));
    }
    if (argc < 6) return 2;
    int cycles = atoi(argv[3]) + atoi(argv[4]);
    double setpoint = atof(argv[5]);
    if (argc > 6 && bfh_fault(&c, argv[6]) != 0) return 1;

    pid_t_ pid = {0.4, 0.03, 1.0, 0, 0, 0, 0};
    int state = FILL, cycle = 0, tc_fault = 0;
    double state_since = 0, last_pid = -1, heater = 0, last_p = 0, last_p_at = 0;
    int quiet_checks = 0;
    float frozen_value = NAN;
    double frozen_since = 0, max_err_after_warmup = 0;
    bfh_sensors s;
    while (state != DONE) {
        if (bfh_recv_sensors(&c, &s) != 0) { fprintf(stderr, "server closed\n"); return 1; }
        double t = s.t_us / 1e6;
        float tc = s.boiler_c;
        /* thermocouple safety */
        if (!tc_fault) {
            if (isnan(tc) || tc < 0 || tc > 150) {
                tc_fault = 1;
                printf("thermocouple fault (no or impossible reading) at t=%.3f\n", t);
            } else if (tc != frozen_value) {
                frozen_value = tc;
                frozen_since = t;
            } else if (t - frozen_since >= 2.0 && pid.out > 0.3) {
                tc_fault = 1;
                printf("thermocouple fault (reading frozen at %.2f C for 2 s while heating) at t=%.3f\n", tc, t);
            }
        }
        if (t - last_pid >= 0.1 - 1e-9) {
            heater = tc_fault ? 0.0 : pid_update(&pid, setpoint, tc, last_pid < 0 ? 0.1 : t - last_pid);
            last_pid = t;
            if (t > 20 && !tc_fault && fabs(tc - setpoint) > max_err_after_warmup) max_err_after_warmup = fabs(tc - setpoint);
        }
        /* feed-forward: cold water enters the boiler while the group fills, so boost the heater then */
        double applied_heater = state == FILL ? fmin(1.0, heater + 0.5) : heater;
        if (tc_fault) heater = applied_heater = 0.0;
        /* backflush: fill until quiet, release, repeat */
        int pump = 0, solenoid = 0;
        if (state == FILL) {
            pump = 1; solenoid = 1;
            if (t - last_p_at >= 0.1) {
                quiet_checks = (fabs(s.group_bar - last_p) < 0.02 && s.group_bar > 3.0) ? quiet_checks + 1 : 0;
                last_p = s.group_bar;
                last_p_at = t;
            }
            if ((quiet_checks >= 10 && t - state_since >= 2.0) || t - state_since >= 10.0) {
                state = RELEASE; state_since = t; quiet_checks = 0;
                pump = 0; solenoid = 0;
            }
        } else if (state == RELEASE) {
            if (t - state_since >= 4.0) {
                cycle++;
                if (cycle >= cycles) {
                    state = DONE;
                } else {
                    state = FILL; state_since = t; pump = 1; solenoid = 1;
                }
            }
        }
        bfh_actuators a = {s.seq, s.t_us, (float)pump, (float)applied_heater, (uint8_t)solenoid};
        if (state == DONE) break;
        if (bfh_send_actuators(&c, &a) != 0) return 1;
    }
    printf("done cycles=%d t=%.3f tc_fault=%d max_err_after_warmup=%.3f errors_seen=%u\n", cycle, s.t_us / 1e6,
           tc_fault, max_err_after_warmup, c.errors_seen);
    bfh_stats st;
    if (bfh_get_stats(&c, &st) == 0)
        printf("stats version=%u ticks=%u resends=%u watchdog_trips=%u duplicates=%u errors=%u\n", c.version, st.ticks,
               st.resends, st.watchdog_trips, st.duplicates, st.errors);
    bfh_bye(&c);
    return 0;
}
