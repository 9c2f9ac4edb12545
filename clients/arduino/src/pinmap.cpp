/*
 * pinmap.cpp - the pin map: a small JSON file (// comments allowed) saying which pin or
 * peripheral is which plant signal. The parser is strict: unknown keys, duplicate keys, wrong
 * types, out-of-range numbers and pins used twice are refused with "FILE:LINE: what".
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utility>

#include "kit.h"

namespace bfk {
namespace {

struct Json {
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOL, NUL } kind = NUL;
    int line = 0;
    std::string text;
    double number = 0;
    bool boolean = false;
    std::vector<std::pair<std::string, Json>> members;
    std::vector<int> memberLines;
    std::vector<Json> items;
};

const char *kindName(Json::Kind k) {
    switch (k) {
        case Json::OBJECT: return "an object";
        case Json::ARRAY: return "a list";
        case Json::STRING: return "a string";
        case Json::NUMBER: return "a number";
        case Json::BOOL: return "true/false";
        default: return "null";
    }
}

class Parser {
public:
    Parser(const std::string &file, const std::string &src) : file_(file), s_(src) {}

    Json document() {
        Json v = value(0);
        skip();
        if (i_ < s_.size()) fail("unexpected text after the top-level object");
        return v;
    }

    [[noreturn]] void fail(const std::string &what) { fail(line_, what); }
    [[noreturn]] void fail(int line, const std::string &what) {
        configError(file_ + ":" + std::to_string(line) + ": " + what);
    }

private:
    void skip() {
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == '\n') {
                line_++;
                i_++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i_++;
            } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
                while (i_ < s_.size() && s_[i_] != '\n') i_++;
            } else {
                break;
            }
        }
    }

    Json value(int depth) {
        if (depth > 8) fail("nested too deeply");
        skip();
        if (i_ >= s_.size()) fail("unexpected end of file");
        Json v;
        v.line = line_;
        char c = s_[i_];
        if (c == '{') {
            v.kind = Json::OBJECT;
            i_++;
            skip();
            if (peek('}')) return v;
            for (;;) {
                skip();
                int keyLine = line_;
                if (i_ >= s_.size() || s_[i_] != '"') fail("expected a key in double quotes");
                std::string key = string();
                for (auto &m : v.members)
                    if (m.first == key) fail(keyLine, "duplicate key \"" + key + "\"");
                skip();
                if (!peek(':')) fail("expected ':' after \"" + key + "\"");
                Json member = value(depth + 1);
                v.members.emplace_back(key, std::move(member));
                v.memberLines.push_back(keyLine);
                skip();
                if (peek('}')) return v;
                if (!peek(',')) fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            v.kind = Json::ARRAY;
            i_++;
            skip();
            if (peek(']')) return v;
            for (;;) {
                v.items.push_back(value(depth + 1));
                skip();
                if (peek(']')) return v;
                if (!peek(',')) fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            v.kind = Json::STRING;
            v.text = string();
            return v;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            size_t start = i_;
            if (s_[i_] == '-') i_++;
            while (i_ < s_.size() && (isdigit((unsigned char)s_[i_]) || s_[i_] == '.' || s_[i_] == 'e' ||
                                      s_[i_] == 'E' || s_[i_] == '+' || s_[i_] == '-'))
                i_++;
            std::string num = s_.substr(start, i_ - start);
            char *end = nullptr;
            errno = 0;
            v.number = strtod(num.c_str(), &end);
            if (end == nullptr || *end != 0 || errno != 0 || !std::isfinite(v.number)) fail("not a number: " + num);
            v.kind = Json::NUMBER;
            return v;
        }
        for (const char *word : {"true", "false", "null"}) {
            size_t n = strlen(word);
            if (s_.compare(i_, n, word) == 0) {
                i_ += n;
                v.kind = word[0] == 'n' ? Json::NUL : Json::BOOL;
                v.boolean = word[0] == 't';
                return v;
            }
        }
        fail(std::string("unexpected character '") + c + "'");
    }

    bool peek(char c) {
        if (i_ < s_.size() && s_[i_] == c) {
            i_++;
            return true;
        }
        return false;
    }

    std::string string() {
        i_++;  // opening quote
        std::string out;
        while (i_ < s_.size() && s_[i_] != '"') {
            char c = s_[i_++];
            if (c == '\n') fail("string not closed on its line");
            if (c == '\\') {
                if (i_ >= s_.size()) break;
                char e = s_[i_++];
                switch (e) {
                    case '"': out += '"'; break;
                    case '\\': out += '\\'; break;
                    case '/': out += '/'; break;
                    case 'n': out += '\n'; break;
                    case 't': out += '\t'; break;
                    default: fail(std::string("unsupported escape \\") + e);
                }
            } else {
                out += c;
            }
        }
        if (i_ >= s_.size()) fail("string not closed");
        i_++;
        return out;
    }

    std::string file_;
    const std::string &s_;
    size_t i_ = 0;
    int line_ = 1;
};

/** Reads one object's members, refusing unknown keys and checking types. */
class Fields {
public:
    Fields(Parser &p, const Json &obj, const std::string &where, std::vector<const char *> known)
        : p_(p), obj_(obj), where_(where) {
        if (obj.kind != Json::OBJECT) p.fail(obj.line, where + ": expected an object, got " + kindName(obj.kind));
        for (size_t k = 0; k < obj.members.size(); k++) {
            bool ok = false;
            for (const char *name : known) ok = ok || obj.members[k].first == name;
            if (!ok) {
                std::string list;
                for (const char *name : known) list += std::string(list.empty() ? "" : ", ") + name;
                p.fail(obj.memberLines[k], where + ": unknown key \"" + obj.members[k].first + "\" (expected " + list + ")");
            }
        }
    }

    const Json *get(const char *key) const {
        for (auto &m : obj_.members)
            if (m.first == key) return &m.second;
        return nullptr;
    }

    const Json &require(const char *key) const {
        const Json *v = get(key);
        if (!v) p_.fail(obj_.line, where_ + ": missing \"" + key + "\"");
        return *v;
    }

    std::string name(const char *key) const { return where_ + "." + key; }

    std::string str(const char *key, std::initializer_list<const char *> allowed, const char *fallback) const {
        const Json *v = fallback ? get(key) : &require(key);
        if (!v) return fallback;
        if (v->kind != Json::STRING) p_.fail(v->line, name(key) + ": expected a string, got " + kindName(v->kind));
        std::string list;
        for (const char *a : allowed) {
            if (v->text == a) return v->text;
            list += std::string(list.empty() ? "" : ", ") + "\"" + a + "\"";
        }
        p_.fail(v->line, name(key) + ": \"" + v->text + "\" is not one of " + list);
    }

    double number(const char *key, double lo, double hi, double fallback, bool required) const {
        const Json *v = required ? &require(key) : get(key);
        if (!v) return fallback;
        if (v->kind != Json::NUMBER) p_.fail(v->line, name(key) + ": expected a number, got " + kindName(v->kind));
        if (v->number < lo || v->number > hi) {
            char m[160];
            snprintf(m, sizeof m, ": %g is outside %g..%g", v->number, lo, hi);
            p_.fail(v->line, name(key) + m);
        }
        return v->number;
    }

    int integer(const char *key, int lo, int hi, int fallback, bool required) const {
        double d = number(key, lo, hi, fallback, required);
        const Json *v = get(key);
        if (v && d != floor(d)) p_.fail(v->line, name(key) + ": expected a whole number");
        return (int)d;
    }

    /** A pin: a number 0..255 or "A0".."A7". */
    int pin(const char *key) const {
        const Json &v = require(key);
        if (v.kind == Json::STRING) {
            const std::string &t = v.text;
            if (t.size() == 2 && t[0] == 'A' && t[1] >= '0' && t[1] <= '7') return 14 + (t[1] - '0');
            p_.fail(v.line, name(key) + ": \"" + t + "\" is not a pin (a number 0..255, or \"A0\"..\"A7\")");
        }
        return integer(key, 0, 255, -1, true);
    }

    /** An I2C address: 0..127 or a string "0x48". */
    int address(const char *key, int fallback) const {
        const Json *v = get(key);
        if (!v) return fallback;
        if (v->kind == Json::STRING) {
            char *end = nullptr;
            long a = strtol(v->text.c_str(), &end, 0);
            if (end == v->text.c_str() || *end != 0 || a < 0 || a > 127)
                p_.fail(v->line, name(key) + ": \"" + v->text + "\" is not an I2C address (0..127 or \"0x48\")");
            return (int)a;
        }
        return integer(key, 0, 127, fallback, true);
    }

    int line(const char *key) const {
        const Json *v = get(key);
        return v ? v->line : obj_.line;
    }

private:
    Parser &p_;
    const Json &obj_;
    std::string where_;
};

Output output(Parser &p, const Json &v, const std::string &where) {
    Fields f(p, v, where, {"pin", "active"});
    Output o;
    o.pin = f.pin("pin");
    o.activeLow = f.str("active", {"high", "low"}, "high") == "low";
    o.line = f.line("pin");
    return o;
}

int source(const Fields &f, const char *key, bool temperature) {
    if (temperature) return f.str(key, {"boiler", "group"}, nullptr) == "boiler" ? SRC_BOILER : SRC_GROUP;
    // "machine" (the default): the transducer the machine file names; "pump" is the line's old name
    std::string place = f.str(key, {"group", "pump", "line", "machine"}, "machine");
    return place == "group" ? SRC_GROUP_BAR : place == "machine" ? SRC_TRANSDUCER : SRC_LINE_BAR;
}

}  // namespace

PinMap loadPinMap(const std::string &path) {
    FILE *in = fopen(path.c_str(), "rb");
    if (!in) configError(path + ": cannot read the pin map (" + strerror(errno) + ")");
    std::string src;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0 && src.size() <= 1000000) src.append(chunk, n);
    fclose(in);
    if (src.size() > 1000000) configError(path + ": pin map over 1 MB");
    Parser p(path, src);
    Json root = p.document();
    Fields top(p, root, "pin map",
               {"board", "pump", "pump_relay", "solenoid", "heater", "zero_cross", "flow", "buttons", "thermocouples",
                "pressure", "scale"});
    PinMap m;
    m.file = path;
    m.unoInterrupts = top.str("board", {"generic", "uno"}, "generic") == "uno";
    if (auto *v = top.get("pump")) m.pump = output(p, *v, "pump");
    if (auto *v = top.get("pump_relay")) m.pumpRelay = output(p, *v, "pump_relay");
    if (auto *v = top.get("solenoid")) m.solenoid = output(p, *v, "solenoid");
    if (auto *v = top.get("heater")) m.heater = output(p, *v, "heater");
    std::vector<std::pair<int, std::pair<std::string, int>>> used;  // pin, (role, line)
    auto use = [&](int pin, const std::string &role, int line) {
        if (pin < 0) return;
        for (auto &u : used) {
            if (u.first != pin) continue;
            // named at the later line, pointing back at the earlier one
            bool later = line >= u.second.second;
            const std::string &r = later ? role : u.second.first;
            const std::string &other = later ? u.second.first : role;
            p.fail(later ? line : u.second.second, r + ": pin " + std::to_string(pin) + " is already " + other + " (line " +
                                                       std::to_string(later ? u.second.second : line) + ")");
        }
        used.push_back({pin, {role, line}});
    };
    use(m.pump.pin, "pump", m.pump.line);
    use(m.pumpRelay.pin, "pump_relay", m.pumpRelay.line);
    use(m.solenoid.pin, "solenoid", m.solenoid.line);
    use(m.heater.pin, "heater", m.heater.line);
    if (auto *v = top.get("zero_cross")) {
        Fields f(p, *v, "zero_cross", {"pin"});
        m.zeroCross = f.pin("pin");
        use(m.zeroCross, "zero_cross", f.line("pin"));
    }
    if (auto *v = top.get("flow")) {
        Fields f(p, *v, "flow", {"pin"});
        m.flow = f.pin("pin");
        use(m.flow, "flow", f.line("pin"));
    }
    if (auto *v = top.get("buttons")) {
        if (v->kind != Json::OBJECT) p.fail(v->line, "buttons: expected an object of name: {pin, active}");
        for (size_t k = 0; k < v->members.size(); k++) {
            const std::string &name = v->members[k].first;
            bool ok = !name.empty() && name.size() <= 32;
            for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
            if (!ok) p.fail(v->memberLines[k], "buttons: \"" + name + "\" is not a button name (a-z, 0-9, _)");
            Fields f(p, v->members[k].second, "buttons." + name, {"pin", "active"});
            Button b;
            b.name = name;
            b.pin = f.pin("pin");
            b.activeLow = f.str("active", {"high", "low"}, "high") == "low";
            b.line = f.line("pin");
            use(b.pin, "button " + name, b.line);
            m.buttons.push_back(b);
        }
    }
    if (auto *v = top.get("thermocouples")) {
        if (v->kind != Json::ARRAY) p.fail(v->line, "thermocouples: expected a list");
        for (size_t k = 0; k < v->items.size(); k++) {
            std::string where = "thermocouples[" + std::to_string(k + 1) + "]";
            Fields f(p, v->items[k], where, {"chip", "cs", "reads"});
            Thermocouple t;
            t.chip = f.str("chip", {"max6675", "max31855"}, nullptr);
            t.cs = f.pin("cs");
            t.source = source(f, "reads", true);
            t.line = f.line("cs");
            use(t.cs, where + " chip select", t.line);
            m.thermocouples.push_back(t);
        }
    }
    if (auto *v = top.get("pressure")) {
        if (v->kind != Json::ARRAY) p.fail(v->line, "pressure: expected a list");
        for (size_t k = 0; k < v->items.size(); k++) {
            std::string where = "pressure[" + std::to_string(k + 1) + "]";
            Fields probe(p, v->items[k], where, {"adc", "address", "channel", "pin", "sensor", "vref", "bits"});
            Pressure t;
            t.adc = probe.str("adc", {"ads1115", "ads1015", "analog"}, nullptr);
            t.source = source(probe, "sensor", false);
            t.line = probe.line("adc");
            if (t.adc == "analog") {
                Fields f(p, v->items[k], where, {"adc", "pin", "sensor", "vref", "bits"});
                t.pin = f.pin("pin");
                t.vref = f.number("vref", 1.0, 5.5, 5.0, false);
                t.bits = f.integer("bits", 8, 16, 10, false);
                use(t.pin, where, f.line("pin"));
            } else {
                Fields f(p, v->items[k], where, {"adc", "address", "channel", "sensor"});
                t.address = f.address("address", 0x48);
                t.channel = f.integer("channel", 0, 3, 0, true);
                for (auto &o : m.pressures)
                    if (o.adc != "analog" && o.address == t.address && o.channel == t.channel)
                        p.fail(t.line, where + ": channel " + std::to_string(t.channel) + " of the ADC at address " +
                                           std::to_string(t.address) + " is already mapped (line " +
                                           std::to_string(o.line) + ")");
            }
            m.pressures.push_back(t);
        }
    }
    if (auto *v = top.get("scale")) {
        Fields f(p, *v, "scale", {"chip", "dout", "sck", "counts_per_gram", "offset_counts", "rate_hz", "density_g_per_ml"});
        Scale &s = m.scale;
        s.present = true;
        f.str("chip", {"hx711"}, nullptr);
        s.dout = f.pin("dout");
        s.sck = f.pin("sck");
        s.countsPerGram = f.number("counts_per_gram", -1e6, 1e6, 1000.0, false);
        if (s.countsPerGram == 0) p.fail(f.line("counts_per_gram"), "scale.counts_per_gram: must not be 0");
        s.offsetCounts = f.number("offset_counts", -8388608, 8388607, 50000.0, false);
        s.rateHz = f.number("rate_hz", 10, 80, 10, false);
        if (s.rateHz != 10 && s.rateHz != 80) p.fail(f.line("rate_hz"), "scale.rate_hz: the HX711 runs at 10 or 80 samples/s");
        s.densityGPerMl = f.number("density_g_per_ml", 0.5, 2.0, 1.0, false);
        s.line = f.line("dout");
        use(s.dout, "scale dout", f.line("dout"));
        use(s.sck, "scale sck", f.line("sck"));
    }
    return m;
}

}  // namespace bfk
