/*
 * backflush_hil.h - header-only C client for the backflush plant server, binary protocol v1 and v2
 * (docs/protocol.md) over TCP or a Unix-domain socket. POSIX sockets; no allocation. Include it in one or more files:
 *
 *   bfh_conn c;
 *   if (bfh_connect(&c, "127.0.0.1", 5555) != 0) ...   // or bfh_connect_unix(&c, "/tmp/backflush.sock")
 *   bfh_hello(&c, 0, 0);                 // raw signals off, server's tick; offers versions 1..2 (c.version: the chosen)
 *   bfh_sensors s;
 *   while (bfh_recv_sensors(&c, &s) == 0) {
 *       bfh_actuators a = { s.seq, s.t_us, pump, heater, solenoid };
 *       bfh_send_actuators(&c, &a);
 *   }
 *
 * Frame: 'B' 'F' | version u8 | type u8 | length u16 | payload | CRC-32C u32, little-endian.
 *
 * Versions: the hello offers BFH_VERSION..BFH_VERSION_MAX and the server chooses (an older server: 1).
 * Only the sensor frame differs: v2 reads the pressures where the machine's sensors sit and as they read
 * them (line_bar with the pump's ripple; pump_bar is the same field under its v1 name), raw_pressure_counts
 * follows the machine's transducer, and raw_group_counts / raw_line_counts are added (0 in v1).
 * bfh_hello_versions(&c, 0, 0, 1, 1) speaks v1 as clients before v2 did.
 *
 * Control: bfh_reset (a fresh plant, hot or cold; returns tick 0's frame), bfh_fault, bfh_get_stats, bfh_bye.
 *
 * Latency: bfh_set_spin_us(&c, 50) makes every wait for a frame poll the socket without blocking
 * (recv with MSG_DONTWAIT) for up to 50 µs before it blocks in read(). In lockstep against a server
 * that answers within that time (its own spin, `serve --spin-us`), the process is not put to sleep and
 * woken on every round trip, which on an idle machine costs tens of µs each way. A spin that runs out
 * makes the next reads block at once (1, 2, 4, ... up to 64 of them), so a slower server or a busy
 * machine costs about one spin in 64 reads; 0 (the default) blocks at once.
 */
#ifndef BACKFLUSH_HIL_H
#define BACKFLUSH_HIL_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#define BFH_VERSION 1     /* the oldest version, and the header version of the hello */
#define BFH_VERSION_MAX 2 /* the newest version this client speaks */
#define BFH_HELLO 0x01
#define BFH_HELLO_ACK 0x02
#define BFH_SENSORS 0x03
#define BFH_ACTUATORS 0x04
#define BFH_PAUSE 0x10
#define BFH_RESUME 0x11
#define BFH_STEP 0x12
#define BFH_RUN_TO 0x13
#define BFH_RESET 0x14
#define BFH_SNAPSHOT 0x15
#define BFH_RESTORE 0x16
#define BFH_FAULT 0x17
#define BFH_BYE 0x18
#define BFH_GET_STATS 0x19
#define BFH_STATS 0x7D
#define BFH_ACK 0x7E
#define BFH_ERROR 0x7F
#define BFH_MAX_PAYLOAD 256

#define BFH_START_DEFAULT 0 /* reset: as the session starts (serve --start, else the machine file's start) */
#define BFH_START_HOT 1
#define BFH_START_COLD 2

#define BFH_STATUS_PAUSED 1
#define BFH_STATUS_SAFE 2
#define BFH_STATUS_FAULT 4
#define BFH_STATUS_RAW 8
#define BFH_STATUS_RESENT 16
#define BFH_STATUS_REALTIME 32

typedef struct {
    uint32_t seq;
    uint64_t t_us;
    float group_bar;
    union {
        float line_bar; /* the pump-boiler line (v2: as the line sensor reads it) */
        float pump_bar; /* the same, by its v1 name */
    };
    float boiler_c, group_c;
    uint32_t flow_pulses;
    float tank_ml, drip_ml;
    uint16_t status;
    uint16_t raw_pressure_counts;
    int16_t raw_boiler_tc_q, raw_group_tc_q;
    uint16_t raw_zero_cross;
    uint8_t raw_heater_on;
    uint16_t raw_group_counts, raw_line_counts; /* v2 only (0 in v1) */
} bfh_sensors;

/** The answer to get_stats: the session's counters; tick lateness in µs in real time (0 in lockstep). */
typedef struct {
    uint32_t ticks, late_ticks, late_p50_us, late_p99_us, late_p999_us, late_max_us;
    uint32_t resends, watchdog_trips, duplicates, errors;
} bfh_stats;

typedef struct {
    uint32_t seq;
    uint64_t t_us;
    float pump;   /* 0..1 */
    float heater; /* 0..1 */
    uint8_t solenoid;
} bfh_actuators;

typedef struct {
    int fd;
    uint8_t buf[4096];
    size_t start, end;
    uint32_t errors_seen;     /* error frames received */
    char last_error[241];
    uint16_t last_error_code; /* code of the last error frame received */
    uint8_t version;          /* the protocol version the hello negotiated (0 before it) */
    uint32_t spin_us;         /* bfh_set_spin_us: poll this long before a blocking read (0: block at once) */
    uint32_t spin_skip, spin_backoff; /* reads left that block without a spin, after spins that ran out */
    uint32_t spin_hits, spin_misses;  /* spins that caught data, spins that ran out */
} bfh_conn;

static uint32_t bfh_crc_table[256];
static int bfh_crc_ready;

static inline uint32_t bfh_crc32c(const uint8_t *p, size_t n) {
    if (!bfh_crc_ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            bfh_crc_table[i] = c;
        }
        bfh_crc_ready = 1;
    }
    uint32_t c = 0xFFFFFFFFu;
    while (n--) c = bfh_crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static inline void bfh_put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void bfh_put32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static inline void bfh_put64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static inline void bfh_putf(uint8_t *p, float f) { uint32_t v; memcpy(&v, &f, 4); bfh_put32(p, v); }
static inline uint16_t bfh_get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t bfh_get32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static inline uint64_t bfh_get64(const uint8_t *p) { return (uint64_t)bfh_get32(p) | (uint64_t)bfh_get32(p + 4) << 32; }
static inline float bfh_getf(const uint8_t *p) { uint32_t v = bfh_get32(p); float f; memcpy(&f, &v, 4); return f; }

/* a write to a connection the server has closed fails (-1) instead of killing the process with SIGPIPE */
#ifdef MSG_NOSIGNAL
#define BFH_SEND_FLAGS MSG_NOSIGNAL
#else
#define BFH_SEND_FLAGS 0 /* BSD and macOS: SO_NOSIGPIPE, set when connecting */
#endif

static inline void bfh_no_sigpipe(int fd) {
#ifdef SO_NOSIGPIPE
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#else
    (void)fd;
#endif
}

static inline int bfh_write_all(int fd, const uint8_t *p, size_t n) {
    while (n) {
        ssize_t w = send(fd, p, n, BFH_SEND_FLAGS);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w; n -= (size_t)w;
    }
    return 0;
}

/** Sends one frame of {@code type} with {@code len} payload bytes. */
static inline int bfh_send_frame(bfh_conn *c, uint8_t type, const uint8_t *payload, uint16_t len) {
    uint8_t f[6 + BFH_MAX_PAYLOAD + 4];
    if (len > BFH_MAX_PAYLOAD) return -1;
    f[0] = 'B'; f[1] = 'F'; f[2] = c->version ? c->version : BFH_VERSION; f[3] = type;
    bfh_put16(f + 4, len);
    if (len) memcpy(f + 6, payload, len);
    bfh_put32(f + 6 + len, bfh_crc32c(f, 6 + (size_t)len));
    return bfh_write_all(c->fd, f, 6 + (size_t)len + 4);
}

static inline int bfh_connect(bfh_conn *c, const char *host, int port) {
    struct sockaddr_in a;
    int one = 1;
    memset(c, 0, sizeof *c);
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0) return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &a.sin_addr) != 1) return -1;
    if (connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0) return -1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    bfh_no_sigpipe(c->fd);
    return 0;
}

/**
 * Connects to a server started with `serve --unix PATH`. Returns 0, or -1 (errno set; a path
 * longer than sun_path holds gives ENAMETOOLONG).
 */
static inline int bfh_connect_unix(bfh_conn *c, const char *path) {
    struct sockaddr_un a;
    size_t n = strlen(path);
    memset(c, 0, sizeof *c);
    c->fd = -1;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    if (n == 0 || n >= sizeof a.sun_path) { errno = ENAMETOOLONG; return -1; }
    memcpy(a.sun_path, path, n + 1);
    c->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (c->fd < 0) return -1;
    if (connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0) { close(c->fd); c->fd = -1; return -1; }
    bfh_no_sigpipe(c->fd);
    return 0;
}

#define BFH_MAX_SPIN_BACKOFF 64 /* the most reads that block without a spin after spins that ran out */

/**
 * Before each blocking read, poll the socket without blocking for up to {@code us} µs (0: block at
 * once, the default after bfh_connect). Call it after connecting. The spin backs off as the
 * server's does: after a spin that ran out the next 1, 2, 4, ... 64 reads (doubling with each miss
 * in a row) block at once; a spin that catches data spins on every read again.
 */
static inline void bfh_set_spin_us(bfh_conn *c, uint32_t us) {
    c->spin_us = us;
    c->spin_skip = c->spin_backoff = 0;
}

/** Reads what the socket has into the buffer: spinning first as bfh_set_spin_us says, then blocking. */
static inline ssize_t bfh_read_some(bfh_conn *c) {
    uint8_t *p = c->buf + c->end;
    size_t room = sizeof c->buf - c->end;
    if (c->spin_us && c->spin_skip) {
        c->spin_skip--;
    } else if (c->spin_us) {
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (;;) {
            ssize_t r = recv(c->fd, p, room, MSG_DONTWAIT);
            if (r > 0) { c->spin_hits++; c->spin_backoff = 0; return r; }
            if (r == 0) return 0; /* the server closed */
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
            clock_gettime(CLOCK_MONOTONIC, &t);
            if ((t.tv_sec - t0.tv_sec) * 1000000L + (t.tv_nsec - t0.tv_nsec) / 1000 >= (long)c->spin_us) break;
        }
        c->spin_misses++;
        c->spin_backoff = c->spin_backoff ? 2 * c->spin_backoff : 1;
        if (c->spin_backoff > BFH_MAX_SPIN_BACKOFF) c->spin_backoff = BFH_MAX_SPIN_BACKOFF;
        c->spin_skip = c->spin_backoff;
    }
    return read(c->fd, p, room);
}

/**
 * Receives the next frame: returns its type and copies its payload (at most BFH_MAX_PAYLOAD
 * bytes) to {@code payload}; -1 when the connection closes. Frames with a bad magic or CRC are
 * skipped (resynchronising on the magic).
 */
static inline int bfh_recv_frame(bfh_conn *c, uint8_t *payload, uint16_t *len) {
    for (;;) {
        size_t avail = c->end - c->start;
        if (avail >= 6) {
            uint8_t *f = c->buf + c->start;
            if (f[0] != 'B' || f[1] != 'F') { c->start++; continue; }
            uint16_t n = bfh_get16(f + 4);
            if (n > BFH_MAX_PAYLOAD) { c->start++; continue; }
            if (avail >= 6 + (size_t)n + 4) {
                if (bfh_crc32c(f, 6 + (size_t)n) != bfh_get32(f + 6 + n)) { c->start++; continue; }
                uint8_t type = f[3];
                memcpy(payload, f + 6, n);
                *len = n;
                c->start += 6 + (size_t)n + 4;
                return type;
            }
        }
        if (c->start > 0) {
            memmove(c->buf, c->buf + c->start, c->end - c->start);
            c->end -= c->start;
            c->start = 0;
        }
        ssize_t r = bfh_read_some(c);
        if (r <= 0) return -1;
        c->end += (size_t)r;
    }
}

static inline void bfh_note_error(bfh_conn *c, const uint8_t *p, uint16_t n) {
    if (n < 6) return;
    c->errors_seen++;
    c->last_error_code = bfh_get16(p);
    memcpy(c->last_error, p + 6, (size_t)(n - 6));
    c->last_error[n - 6] = 0;
}

/**
 * Hello offering versions min..max, raw signals on or off, a tick in µs (0: the server's). Returns 0 when
 * accepted (c->version is the version the server chose), -1 when refused or closed.
 */
static inline int bfh_hello_versions(bfh_conn *c, int raw, uint32_t dt_us, uint8_t min_version, uint8_t max_version) {
    uint8_t p[8] = {min_version, max_version, (uint8_t)(raw ? 1 : 0), 0};
    uint8_t in[BFH_MAX_PAYLOAD];
    uint16_t n;
    bfh_put32(p + 4, dt_us);
    c->version = 0;
    if (bfh_send_frame(c, BFH_HELLO, p, 8) != 0) return -1;
    for (;;) {
        int t = bfh_recv_frame(c, in, &n);
        if (t < 0) return -1;
        if (t == BFH_HELLO_ACK && n == 12) { c->version = in[0]; return 0; }
        if (t == BFH_ERROR) { bfh_note_error(c, in, n); return -1; }
    }
}

/** Hello offering every version this client speaks (1..2), raw signals on or off, a tick in µs (0: the server's). */
static inline int bfh_hello(bfh_conn *c, int raw, uint32_t dt_us) {
    return bfh_hello_versions(c, raw, dt_us, BFH_VERSION, BFH_VERSION_MAX);
}

static inline void bfh_decode_sensors(const uint8_t *p, bfh_sensors *s) {
    s->seq = bfh_get32(p);
    s->t_us = bfh_get64(p + 4);
    s->group_bar = bfh_getf(p + 12);
    s->pump_bar = bfh_getf(p + 16);
    s->boiler_c = bfh_getf(p + 20);
    s->group_c = bfh_getf(p + 24);
    s->flow_pulses = bfh_get32(p + 28);
    s->tank_ml = bfh_getf(p + 32);
    s->drip_ml = bfh_getf(p + 36);
    s->status = bfh_get16(p + 40);
    s->raw_pressure_counts = bfh_get16(p + 42);
    s->raw_boiler_tc_q = (int16_t)bfh_get16(p + 44);
    s->raw_group_tc_q = (int16_t)bfh_get16(p + 46);
    s->raw_zero_cross = bfh_get16(p + 48);
    s->raw_heater_on = p[50];
    s->raw_group_counts = 0;
    s->raw_line_counts = 0;
}

/** A v2 sensor frame: the v1 fields, then u16 raw_group_counts, u16 raw_line_counts (56 bytes). */
static inline void bfh_decode_sensors_v2(const uint8_t *p, bfh_sensors *s) {
    bfh_decode_sensors(p, s);
    s->raw_group_counts = bfh_get16(p + 52);
    s->raw_line_counts = bfh_get16(p + 54);
}

/** Waits for the next sensor frame (acks skipped, error frames counted). 0, or -1 when closed. */
static inline int bfh_recv_sensors(bfh_conn *c, bfh_sensors *s) {
    uint8_t p[BFH_MAX_PAYLOAD];
    uint16_t n;
    for (;;) {
        int t = bfh_recv_frame(c, p, &n);
        if (t < 0) return -1;
        if (t == BFH_SENSORS && n == 52) { bfh_decode_sensors(p, s); return 0; }
        if (t == BFH_SENSORS && n == 56) { bfh_decode_sensors_v2(p, s); return 0; }
        if (t == BFH_ERROR) bfh_note_error(c, p, n);
    }
}

/**
 * Asks for the session's stats and waits for them. Call it between a sensor frame and its answer (a
 * resend arriving meanwhile is skipped); in real time, sensor frames that arrive meanwhile are skipped
 * too. Returns 0; -1 when the connection closed; -2 when the server answered with an error frame (a
 * server older than get_stats: UNKNOWN_TYPE, in c->last_error_code).
 */
static inline int bfh_get_stats(bfh_conn *c, bfh_stats *out) {
    uint8_t p[BFH_MAX_PAYLOAD];
    uint16_t n;
    if (bfh_send_frame(c, BFH_GET_STATS, 0, 0) != 0) return -1;
    for (;;) {
        int t = bfh_recv_frame(c, p, &n);
        if (t < 0) return -1;
        if (t == BFH_STATS && n == 40) {
            uint32_t v[10];
            for (int i = 0; i < 10; i++) v[i] = bfh_get32(p + 4 * i);
            out->ticks = v[0]; out->late_ticks = v[1]; out->late_p50_us = v[2]; out->late_p99_us = v[3];
            out->late_p999_us = v[4]; out->late_max_us = v[5]; out->resends = v[6]; out->watchdog_trips = v[7];
            out->duplicates = v[8]; out->errors = v[9];
            return 0;
        }
        if (t == BFH_ERROR) { bfh_note_error(c, p, n); return -2; }
    }
}

static inline int bfh_send_actuators(bfh_conn *c, const bfh_actuators *a) {
    uint8_t p[24] = {0};
    bfh_put32(p, a->seq);
    bfh_put64(p + 4, a->t_us);
    bfh_putf(p + 12, a->pump);
    bfh_putf(p + 16, a->heater);
    p[20] = a->solenoid ? 1 : 0;
    return bfh_send_frame(c, BFH_ACTUATORS, p, 24);
}

/**
 * Resets the plant: a fresh plant at t = 0, seq 0 (faults cleared, the scenario re-armed, sensor noise
 * seeded with {@code seed}), started as {@code start} says: BFH_START_DEFAULT (the session's start),
 * BFH_START_HOT or BFH_START_COLD. Waits for the ack and then the sensor frame of tick 0, which it
 * puts in {@code *s} (frames before the ack, e.g. a resend, are skipped). Call it between a sensor
 * frame and its answer. A v2 session sends the 12-byte reset; a v1 session the 8-byte one, which
 * cannot say hot or cold. Returns 0; -1 when the connection closed; -2 when the server refused
 * it with an error frame (c->last_error); -3 when {@code start} is not one of the three, or is hot
 * or cold in a v1 session (nothing sent).
 */
static inline int bfh_reset(bfh_conn *c, int64_t seed, uint8_t start, bfh_sensors *s) {
    uint8_t p[BFH_MAX_PAYLOAD] = {0};
    uint16_t n;
    if (start > BFH_START_COLD || (start != BFH_START_DEFAULT && c->version < 2)) return -3;
    bfh_put64(p, (uint64_t)seed);
    p[8] = start;
    if (bfh_send_frame(c, BFH_RESET, p, c->version >= 2 ? 12 : 8) != 0) return -1;
    for (;;) {
        int t = bfh_recv_frame(c, p, &n);
        if (t < 0) return -1;
        if (t == BFH_ACK && n == 6 && p[0] == BFH_RESET) break;
        if (t == BFH_ERROR) { bfh_note_error(c, p, n); return -2; }
    }
    return bfh_recv_sensors(c, s);
}

/** Injects a fault, e.g. "stuck target=boiler_c at=30" (server-side scenario grammar). */
static inline int bfh_fault(bfh_conn *c, const char *spec) {
    size_t n = strlen(spec);
    if (n == 0 || n > 240) return -1;
    return bfh_send_frame(c, BFH_FAULT, (const uint8_t *)spec, (uint16_t)n);
}

static inline int bfh_bye(bfh_conn *c) {
    int r = bfh_send_frame(c, BFH_BYE, 0, 0);
    close(c->fd);
    c->fd = -1;
    return r;
}

#endif
