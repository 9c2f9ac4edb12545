/*
 * runtime.cpp - main(): connects to the plant server (lockstep, raw signals on), runs setup() at
 * t = 0 and then loop() at least once per tick, until --until seconds of plant time.
 *
 * Usage (what `./backflush firmware run` passes; a sketch built with CMake takes the same):
 *   SKETCH --pins FILE [--host 127.0.0.1] [--port 5555] [--until SECONDS] [--press NAME:AT[:FOR]]...
 *          [--serial-log FILE] [--eeprom FILE] [--status FILE] [--hang-ms MS]
 *   SKETCH --pins FILE --check-pins      check the pin map and exit
 *
 * Exit codes: 0 ran to --until; 2 bad flags; 3 the sketch hung (no tick for --hang-ms of wall time:
 * a loop that calls no Arduino function); 4 the server closed or could not be reached; 78 a pin-map
 * or peripheral-wiring problem; a crash re-raises its signal after one line on stderr.
 */
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>

#include "Arduino.h"
#include "backflush_hil.h"
#include "kit.h"

namespace bfk {
namespace {

const unsigned SPIN_LIMIT = 1000;

PinMap g_pins;
bfh_conn g_conn;
bool g_connected = false;
Frame g_frame;
uint32_t g_dtUs = 1000;
uint64_t g_pendingUs = 0;
unsigned g_spins = 0;
uint64_t g_untilUs = 60ull * 1000000ull;
double g_tank0 = 0, g_drip0 = 0;
bool g_safeSeen = false;
std::string g_statusPath;
std::atomic<uint64_t> g_steps{0};
std::atomic<bool> g_inIo{false};
std::atomic<uint64_t> g_lastTUs{0};
long g_hangMs = 10000;
std::set<std::string> g_warned;

void writeStatus(const char *end, const char *message) {
    if (g_statusPath.empty()) return;
    FILE *f = fopen(g_statusPath.c_str(), "w");
    if (!f) return;
    fprintf(f, "end=%s\nt_us=%llu\nticks=%llu\nsafe_seen=%d\nsafe_at_end=%d\nmessage=%s\n", end,
            (unsigned long long)g_frame.t_us, (unsigned long long)g_steps.load(), g_safeSeen ? 1 : 0,
            (g_frame.status & BFH_STATUS_SAFE) ? 1 : 0, message);
    fclose(f);
}

[[noreturn]] void finish(const char *end, const char *message, int code) {
    serialFlush();
    if (g_connected) {
        bfh_bye(&g_conn);
        g_connected = false;
    }
    writeStatus(end, message);
    fflush(stderr);
    _exit(code);
}

[[noreturn]] void serverGone() {
    fprintf(stderr, "kit: the plant server closed the connection at t=%.3f s\n", g_frame.t_us / 1e6);
    finish("server-closed", "the plant server closed the connection", 4);
}

Frame decode(const bfh_sensors &s) {
    Frame f;
    f.seq = s.seq;
    f.t_us = s.t_us;
    f.group_bar = s.group_bar;
    f.line_bar = s.line_bar;
    f.boiler_c = s.boiler_c;
    f.group_c = s.group_c;
    f.flow_pulses = s.flow_pulses;
    f.tank_ml = s.tank_ml;
    f.drip_ml = s.drip_ml;
    f.status = s.status;
    f.raw_zero_cross = s.raw_zero_cross;
    f.raw_pressure_counts = s.raw_pressure_counts;
    return f;
}

void noteSafe(const bfh_sensors &s) {
    if (!(s.status & BFH_STATUS_SAFE)) return;
    if (!g_safeSeen)
        fprintf(stderr, "kit: the plant went to its safe state at t=%.3f s (the server's watchdog: the firmware was silent)\n",
                s.t_us / 1e6);
    g_safeSeen = true;
}

bool receive(Frame &out, uint32_t wantSeq, bool any) {
    bfh_sensors s;
    for (;;) {
        g_inIo = true;
        int r = bfh_recv_sensors(&g_conn, &s);
        g_inIo = false;
        if (r != 0) return false;
        noteSafe(s);
        if (any || s.seq == wantSeq) break;
        // a resend of a tick already answered: skip it
    }
    out = decode(s);
    return true;
}

/** One lockstep tick: the actuator frame for the current tick, then the next sensor frame. */
void step() {
    bfh_actuators a;
    a.seq = g_frame.seq;
    a.t_us = g_frame.t_us;
    a.pump = pumpDuty();
    a.heater = heaterDuty();
    a.solenoid = solenoidEnergised() ? 1 : 0;
    if (bfh_send_actuators(&g_conn, &a) != 0) serverGone();
    Frame next;
    if (!receive(next, g_frame.seq + 1, false)) serverGone();
    Frame previous = g_frame;
    g_frame = next;
    g_spins = 0;
    g_steps++;
    g_lastTUs = next.t_us;
    if (next.t_us >= g_untilUs) finish("until", "ran to --until", 0);
    deliverInputs(previous, next);
}

void hangWatch() {
    uint64_t seen = g_steps.load();
    timespec last;
    clock_gettime(CLOCK_MONOTONIC, &last);
    for (;;) {
        usleep(200 * 1000);
        timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        uint64_t steps = g_steps.load();
        if (steps != seen) {
            seen = steps;
            last = now;
            continue;
        }
        long ms = (now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1000000;
        if (ms >= g_hangMs) {
            char msg[256];
            if (g_inIo)
                snprintf(msg, sizeof msg, "the plant server stopped answering (no sensor frame for %ld ms of wall time at t=%.3f s)",
                         ms, g_lastTUs.load() / 1e6);
            else
                snprintf(msg, sizeof msg, "the sketch hung: no tick for %ld ms of wall time at t=%.3f s (a loop that calls no "
                         "Arduino function never lets the plant run)", ms, g_lastTUs.load() / 1e6);
            fprintf(stderr, "kit: %s\n", msg);
            writeStatus(g_inIo ? "server-silent" : "hung", msg);
            fflush(stderr);
            _exit(3);
        }
    }
}

void onCrash(int sig) {
    char buf[200];
    int n = snprintf(buf, sizeof buf, "kit: the firmware crashed: %s at t=%.3f s\n", strsignal(sig), g_lastTUs.load() / 1e6);
    if (n > 0) {
        ssize_t w = write(2, buf, (size_t)n);
        (void)w;
    }
    void *frames[32];
    int depth = backtrace(frames, 32);
    backtrace_symbols_fd(frames, depth, 2);
    signal(sig, SIG_DFL);
    raise(sig);
}

[[noreturn]] void usage(const char *why) {
    fprintf(stderr, "kit: %s\nusage: SKETCH --pins FILE [--host H] [--port P] [--until SECONDS] [--press NAME:AT[:FOR]]... "
                    "[--serial-log FILE] [--eeprom FILE] [--status FILE] [--hang-ms MS] | --pins FILE --check-pins\n", why);
    exit(2);
}

double number(const char *flag, const char *text) {
    char *end = nullptr;
    double v = strtod(text, &end);
    if (end == text || *end != 0 || !(v == v)) usage((std::string(flag) + ": not a number: " + text).c_str());
    return v;
}

}  // namespace

const PinMap &pins() { return g_pins; }
const Frame &frame() { return g_frame; }
uint32_t tickUs() { return g_dtUs; }
uint64_t nowUs() { return g_frame.t_us + g_pendingUs; }
double startTankMl() { return g_tank0; }
double startDripMl() { return g_drip0; }

void spin() {
    if (!g_connected || inInterrupt()) return;
    if (++g_spins >= SPIN_LIMIT) {
        g_pendingUs = 0;
        step();
    }
}

void waitUs(uint64_t us) {
    if (!g_connected || inInterrupt()) return;
    uint64_t target = g_frame.t_us + g_pendingUs + us;
    while (g_frame.t_us + g_dtUs <= target) step();
    g_pendingUs = target - g_frame.t_us;
}

void waitUntilUs(uint64_t tUs) {
    if (!g_connected || inInterrupt()) return;
    while (g_frame.t_us < tUs) step();
    g_pendingUs = 0;
}

void configError(const std::string &message) {
    fprintf(stderr, "kit: error: %s\n", message.c_str());
    finish("config", message.c_str(), EXIT_CONFIG);
}

void warnOnce(const std::string &key, const std::string &message) {
    if (g_warned.insert(key).second) fprintf(stderr, "kit: warning: %s\n", message.c_str());
}

}  // namespace bfk

using namespace bfk;

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 5555;
    std::string pinsPath, serialLog, eeprom;
    std::vector<std::string> presses;
    bool checkOnly = false;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto value = [&](const char *flag) -> const char * {
            if (i + 1 >= argc) usage((std::string(flag) + " needs a value").c_str());
            return argv[++i];
        };
        if (a == "--pins") pinsPath = value("--pins");
        else if (a == "--host") host = value("--host");
        else if (a == "--port") port = (int)number("--port", value("--port"));
        else if (a == "--until") g_untilUs = (uint64_t)(number("--until", value("--until")) * 1e6 + 0.5);
        else if (a == "--press") presses.push_back(value("--press"));
        else if (a == "--serial-log") serialLog = value("--serial-log");
        else if (a == "--eeprom") eeprom = value("--eeprom");
        else if (a == "--status") g_statusPath = value("--status");
        else if (a == "--hang-ms") g_hangMs = (long)number("--hang-ms", value("--hang-ms"));
        else if (a == "--check-pins") checkOnly = true;
        else usage(("unknown argument " + a).c_str());
    }
    if (pinsPath.empty()) usage("--pins FILE is required");
    if (port < 1 || port > 65535) usage("--port must be 1..65535");
    if (g_hangMs < 100) usage("--hang-ms must be at least 100");
    g_pins = loadPinMap(pinsPath);
    setPresses(presses);
    if (checkOnly) {
        printf("pin map ok: %s\n", pinsPath.c_str());
        return 0;
    }
    FILE *sink = stdout;
    if (!serialLog.empty()) {
        sink = fopen(serialLog.c_str(), "w");
        if (!sink) {
            fprintf(stderr, "kit: --serial-log %s: %s\n", serialLog.c_str(), strerror(errno));
            return 2;
        }
    }
    setvbuf(sink, nullptr, _IOLBF, 0);
    serialSink(sink);
    if (!eeprom.empty()) eepromBackingFile(eeprom);
    signal(SIGPIPE, SIG_IGN);
    void *warm[1];
    backtrace(warm, 1);  // loads the unwinder now, not inside a signal handler
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) signal(sig, onCrash);

    if (bfh_connect(&g_conn, host, port) != 0 || bfh_hello(&g_conn, 1, 0) != 0) {
        fprintf(stderr, "kit: cannot reach the plant server at %s:%d\n", host, port);
        writeStatus("server-closed", "cannot reach the plant server");
        return 4;
    }
    g_connected = true;
    atexit([] {
        // the sketch called exit(): end the session cleanly
        if (!g_connected) return;
        serialFlush();
        bfh_bye(&g_conn);
        g_connected = false;
        writeStatus("sketch-exit", "the sketch called exit()");
    });
    if (!receive(g_frame, 0, true)) serverGone();
    g_tank0 = g_frame.tank_ml;
    g_drip0 = g_frame.drip_ml;
    std::thread(hangWatch).detach();
    setup();
    for (;;) {
        uint64_t before = g_steps.load();
        loop();
        if (g_steps.load() == before) {
            g_pendingUs = 0;
            step();
        }
    }
}
