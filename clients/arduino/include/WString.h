/*
 * WString.h - a minimal Arduino String (the reference's constructors, operators and methods),
 * backed by std::string.
 */
#ifndef BACKFLUSH_WSTRING_H
#define BACKFLUSH_WSTRING_H

#include <stddef.h>
#include <string>
#include <type_traits>

#include "avr/pgmspace.h"

#ifndef DEC
#define DEC 10
#define HEX 16
#define OCT 8
#define BIN 2
#endif

class String {
public:
    String() = default;
    String(const char *s) : s_(s ? s : "") {}
    String(const __FlashStringHelper *s) : s_(s ? reinterpret_cast<const char *>(s) : "") {}
    String(const String &) = default;
    String(String &&) = default;
    explicit String(char c) : s_(1, c) {}
    explicit String(unsigned char v, unsigned char base = 10);
    explicit String(int v, unsigned char base = 10);
    explicit String(unsigned int v, unsigned char base = 10);
    explicit String(long v, unsigned char base = 10);
    explicit String(unsigned long v, unsigned char base = 10);
    explicit String(long long v, unsigned char base = 10);
    explicit String(unsigned long long v, unsigned char base = 10);
    explicit String(float v, unsigned char decimalPlaces = 2);
    explicit String(double v, unsigned char decimalPlaces = 2);

    String &operator=(const String &) = default;
    String &operator=(String &&) = default;
    String &operator=(const char *s) {
        s_ = s ? s : "";
        return *this;
    }

    unsigned int length() const { return (unsigned int)s_.size(); }
    bool isEmpty() const { return s_.empty(); }
    const char *c_str() const { return s_.c_str(); }
    bool reserve(unsigned int size) {
        s_.reserve(size);
        return true;
    }

    bool concat(const String &x) {
        s_ += x.s_;
        return true;
    }
    bool concat(const char *x) {
        if (x) s_ += x;
        return x != nullptr;
    }
    bool concat(const __FlashStringHelper *x) { return concat(reinterpret_cast<const char *>(x)); }
    bool concat(char c) {
        s_ += c;
        return true;
    }
    bool concat(bool v) { return concat(String((int)v)); }
    bool concat(unsigned char v) { return concat(String(v)); }
    bool concat(int v) { return concat(String(v)); }
    bool concat(unsigned int v) { return concat(String(v)); }
    bool concat(long v) { return concat(String(v)); }
    bool concat(unsigned long v) { return concat(String(v)); }
    bool concat(long long v) { return concat(String(v)); }
    bool concat(unsigned long long v) { return concat(String(v)); }
    bool concat(float v) { return concat(String(v)); }
    bool concat(double v) { return concat(String(v)); }

    template <class T>
    String &operator+=(const T &x) {
        concat(x);
        return *this;
    }

    bool equals(const String &o) const { return s_ == o.s_; }
    bool equals(const char *o) const { return s_ == (o ? o : ""); }
    bool equalsIgnoreCase(const String &o) const;
    int compareTo(const String &o) const { return s_.compare(o.s_); }
    bool startsWith(const String &prefix) const { return startsWith(prefix, 0); }
    bool startsWith(const String &prefix, unsigned int offset) const;
    bool endsWith(const String &suffix) const;

    char charAt(unsigned int i) const { return i < s_.size() ? s_[i] : 0; }
    void setCharAt(unsigned int i, char c) {
        if (i < s_.size()) s_[i] = c;
    }
    char operator[](unsigned int i) const { return charAt(i); }
    char &operator[](unsigned int i);

    int indexOf(char c, unsigned int from = 0) const;
    int indexOf(const String &s, unsigned int from = 0) const;
    int lastIndexOf(char c) const;
    int lastIndexOf(char c, unsigned int from) const;
    int lastIndexOf(const String &s) const;
    int lastIndexOf(const String &s, unsigned int from) const;
    String substring(unsigned int from) const;
    String substring(unsigned int from, unsigned int to) const;

    void replace(char find, char with);
    void replace(const String &find, const String &with);
    void remove(unsigned int index);
    void remove(unsigned int index, unsigned int count);
    void toLowerCase();
    void toUpperCase();
    void trim();

    long toInt() const;
    float toFloat() const;
    double toDouble() const;
    void getBytes(unsigned char *buf, unsigned int bufsize, unsigned int index = 0) const;
    void toCharArray(char *buf, unsigned int bufsize, unsigned int index = 0) const {
        getBytes((unsigned char *)buf, bufsize, index);
    }

    /** The standard string underneath (host only). */
    const std::string &str() const { return s_; }

private:
    std::string s_;
};

inline bool operator==(const String &a, const String &b) { return a.equals(b); }
inline bool operator==(const String &a, const char *b) { return a.equals(b); }
inline bool operator==(const char *a, const String &b) { return b.equals(a); }
inline bool operator!=(const String &a, const String &b) { return !a.equals(b); }
inline bool operator!=(const String &a, const char *b) { return !a.equals(b); }
inline bool operator!=(const char *a, const String &b) { return !b.equals(a); }
inline bool operator<(const String &a, const String &b) { return a.compareTo(b) < 0; }
inline bool operator>(const String &a, const String &b) { return a.compareTo(b) > 0; }
inline bool operator<=(const String &a, const String &b) { return a.compareTo(b) <= 0; }
inline bool operator>=(const String &a, const String &b) { return a.compareTo(b) >= 0; }

template <class T>
String operator+(const String &a, const T &b) {
    String r(a);
    r.concat(b);
    return r;
}
inline String operator+(const char *a, const String &b) {
    String r(a);
    r.concat(b);
    return r;
}
inline String operator+(char a, const String &b) {
    String r(a);
    r.concat(b);
    return r;
}

#endif
