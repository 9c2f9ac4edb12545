/* wstring.cpp - the Arduino String's conversions and text operations. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "WString.h"

namespace {
std::string digits(unsigned long long v, unsigned base) {
    if (base < 2 || base > 36) base = 10;
    std::string out;
    do {
        unsigned d = (unsigned)(v % base);
        out.insert(out.begin(), (char)(d < 10 ? '0' + d : 'a' + d - 10));  // lower case, as String(x, HEX) gives
        v /= base;
    } while (v);
    return out;
}

std::string signedDigits(long long v, unsigned base) {
    if (base == 10 && v < 0) return "-" + digits(0ULL - (unsigned long long)v, 10);
    return digits((unsigned long long)v & (base == 10 ? ~0ULL : 0xFFFFFFFFULL), base);
}

std::string fixed(double v, unsigned char places) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", places > 20 ? 20 : places, v);
    return buf;
}
}  // namespace

String::String(unsigned char v, unsigned char base) : s_(digits(v, base)) {}
String::String(int v, unsigned char base) : s_(signedDigits(v, base)) {}
String::String(unsigned int v, unsigned char base) : s_(digits(v, base)) {}
String::String(long v, unsigned char base) : s_(signedDigits(v, base)) {}
String::String(unsigned long v, unsigned char base) : s_(digits(v, base)) {}
String::String(long long v, unsigned char base) : s_(signedDigits(v, base)) {}
String::String(unsigned long long v, unsigned char base) : s_(digits(v, base)) {}
String::String(float v, unsigned char decimalPlaces) : s_(fixed(v, decimalPlaces)) {}
String::String(double v, unsigned char decimalPlaces) : s_(fixed(v, decimalPlaces)) {}

bool String::equalsIgnoreCase(const String &o) const {
    if (s_.size() != o.s_.size()) return false;
    for (size_t i = 0; i < s_.size(); i++)
        if (tolower((unsigned char)s_[i]) != tolower((unsigned char)o.s_[i])) return false;
    return true;
}

bool String::startsWith(const String &prefix, unsigned int offset) const {
    return offset <= s_.size() && s_.compare(offset, prefix.s_.size(), prefix.s_) == 0 &&
           s_.size() - offset >= prefix.s_.size();
}

bool String::endsWith(const String &suffix) const {
    return s_.size() >= suffix.s_.size() && s_.compare(s_.size() - suffix.s_.size(), suffix.s_.size(), suffix.s_) == 0;
}

char &String::operator[](unsigned int i) {
    static char dummy;
    if (i >= s_.size()) {
        dummy = 0;
        return dummy;
    }
    return s_[i];
}

int String::indexOf(char c, unsigned int from) const {
    size_t r = s_.find(c, from);
    return r == std::string::npos ? -1 : (int)r;
}

int String::indexOf(const String &s, unsigned int from) const {
    size_t r = s_.find(s.s_, from);
    return r == std::string::npos ? -1 : (int)r;
}

int String::lastIndexOf(char c) const {
    size_t r = s_.rfind(c);
    return r == std::string::npos ? -1 : (int)r;
}

int String::lastIndexOf(char c, unsigned int from) const {
    size_t r = s_.rfind(c, from);
    return r == std::string::npos ? -1 : (int)r;
}

int String::lastIndexOf(const String &s) const {
    size_t r = s_.rfind(s.s_);
    return r == std::string::npos ? -1 : (int)r;
}

int String::lastIndexOf(const String &s, unsigned int from) const {
    size_t r = s_.rfind(s.s_, from);
    return r == std::string::npos ? -1 : (int)r;
}

String String::substring(unsigned int from) const { return substring(from, (unsigned int)s_.size()); }

String String::substring(unsigned int from, unsigned int to) const {
    if (from > to) {
        unsigned int t = from;
        from = to;
        to = t;
    }
    if (from >= s_.size()) return String();
    if (to > s_.size()) to = (unsigned int)s_.size();
    return String(s_.substr(from, to - from).c_str());
}

void String::replace(char find, char with) {
    for (char &c : s_)
        if (c == find) c = with;
}

void String::replace(const String &find, const String &with) {
    if (find.s_.empty()) return;
    size_t at = 0;
    while ((at = s_.find(find.s_, at)) != std::string::npos) {
        s_.replace(at, find.s_.size(), with.s_);
        at += with.s_.size();
    }
}

void String::remove(unsigned int index) {
    if (index < s_.size()) s_.erase(index);
}

void String::remove(unsigned int index, unsigned int count) {
    if (index < s_.size()) s_.erase(index, count);
}

void String::toLowerCase() {
    for (char &c : s_) c = (char)tolower((unsigned char)c);
}

void String::toUpperCase() {
    for (char &c : s_) c = (char)toupper((unsigned char)c);
}

void String::trim() {
    size_t a = 0, b = s_.size();
    while (a < b && isspace((unsigned char)s_[a])) a++;
    while (b > a && isspace((unsigned char)s_[b - 1])) b--;
    s_ = s_.substr(a, b - a);
}

long String::toInt() const { return strtol(s_.c_str(), nullptr, 10); }
float String::toFloat() const { return (float)strtod(s_.c_str(), nullptr); }
double String::toDouble() const { return strtod(s_.c_str(), nullptr); }

void String::getBytes(unsigned char *buf, unsigned int bufsize, unsigned int index) const {
    if (!buf || bufsize == 0) return;
    unsigned int n = 0;
    for (unsigned int i = index; i < s_.size() && n + 1 < bufsize; i++) buf[n++] = (unsigned char)s_[i];
    buf[n] = 0;
}
