/*
 * reset_probe.c - drives clients/c/backflush_hil.h's reset and spin against a real server, for
 * CClientResetTest. Prints one line per step, read by the test.
 *
 *   reset_probe HOST PORT MAX_VERSION SPIN_US resets     tick 0, 100 steps, then cold, hot, default and bad resets
 *   reset_probe HOST PORT MAX_VERSION SPIN_US forever    lockstep until the server closes the connection
 *
 * HOST may be unix:PATH (PORT is then ignored).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backflush_hil.h"

static void show(const char *what, int rc, const bfh_sensors *s) {
    printf("%s rc=%d seq=%u t_us=%llu boiler_c=%.3f group_c=%.3f status=%u\n", what, rc, s->seq,
           (unsigned long long)s->t_us, s->boiler_c, s->group_c, s->status);
}

/** n lockstep round trips, heater off; 0 or -1 when the connection closed. */
static int steps(bfh_conn *c, bfh_sensors *s, long n) {
    for (long i = 0; i < n; i++) {
        bfh_actuators a = {s->seq, s->t_us, 0.0f, 0.0f, 0};
        if (bfh_send_actuators(c, &a) != 0 || bfh_recv_sensors(c, s) != 0) return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s HOST PORT MAX_VERSION SPIN_US resets|forever\n", argv[0]);
        return 2;
    }
    bfh_conn c;
    int connected = strncmp(argv[1], "unix:", 5) == 0 ? bfh_connect_unix(&c, argv[1] + 5)
                                                       : bfh_connect(&c, argv[1], atoi(argv[2]));
    if (connected != 0 || bfh_hello_versions(&c, 0, 0, BFH_VERSION, (uint8_t)atoi(argv[3])) != 0) {
        fprintf(stderr, "cannot connect\n");
        return 1;
    }
    bfh_set_spin_us(&c, (uint32_t)atol(argv[4]));
    printf("version %u\n", c.version);
    bfh_sensors s;
    if (bfh_recv_sensors(&c, &s) != 0) return 1;
    show("tick0", 0, &s);
    if (strcmp(argv[5], "forever") == 0) {
        printf("running\n");
        fflush(stdout);
        if (steps(&c, &s, 2000000000L) != 0) printf("server closed at seq=%u\n", s.seq);
        return 0;
    }
    if (steps(&c, &s, 100) != 0) return 1;
    show("stepped", 0, &s);
    int rc = bfh_reset(&c, 7, BFH_START_COLD, &s);
    show("cold", rc, &s);
    if (rc == 0 && steps(&c, &s, 1) == 0) show("after-cold", 0, &s);
    rc = bfh_reset(&c, 7, BFH_START_HOT, &s);
    show("hot", rc, &s);
    rc = bfh_reset(&c, 7, BFH_START_DEFAULT, &s);
    show("default", rc, &s);
    rc = bfh_reset(&c, 7, 3, &s);
    printf("bad rc=%d\n", rc);
    printf("errors_seen=%u\n", c.errors_seen);
    bfh_bye(&c);
    return 0;
}
