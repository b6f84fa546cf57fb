#pragma once
// JsonWriter: appends JSON to a std::string with no allocation beyond the string's own growth, in either
// of the two spacings found in OpenAlex dumps (", "/": " in 2023 and API records, ","/":" in Walden ones).
// Strings are appended verbatim: callers pass JSON-safe text (the name tables are checked by a test) or
// use EscapedString.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace entangle::synth {

class JsonWriter {
 public:
  JsonWriter(std::string& out, bool compact) : out_(out), compact_(compact) {}
  bool compact() const { return compact_; }
  std::string& out() { return out_; }

  void BeginObject() { Value(); out_ += '{'; Push(); }
  void EndObject() { Pop(); out_ += '}'; }
  void BeginArray() { Value(); out_ += '['; Push(); }
  void EndArray() { Pop(); out_ += ']'; }

  void Key(std::string_view key) {
    if (!first_[depth_]) out_ += compact_ ? "," : ", ";
    first_[depth_] = false;
    out_ += '"';
    out_ += key;
    out_ += compact_ ? "\":" : "\": ";
    after_key_ = true;
  }

  void String(std::string_view s) { Value(); out_ += '"'; out_ += s; out_ += '"'; }
  // A string whose parts are appended by the caller between Open and Close.
  void OpenString() { Value(); out_ += '"'; }
  void CloseString() { out_ += '"'; }
  void EscapedString(std::string_view s);
  void Null() { Value(); out_ += "null"; }
  void Bool(bool b) { Value(); out_ += b ? "true" : "false"; }
  void Int(int64_t v) { Value(); AppendInt(out_, v); }
  // units / 10^decimals, e.g. Decimal(712345, 6) -> 0.712345.
  void Decimal(int64_t units, int decimals) { Value(); AppendDecimal(out_, units, decimals); }
  // A pre-rendered JSON value (a fragment), written as is.
  void Raw(std::string_view json) { Value(); out_ += json; }

  static void AppendInt(std::string& out, int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out.append(buf, r.ptr);
  }
  static void AppendDecimal(std::string& out, int64_t units, int decimals);

 private:
  void Value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ > 0) {
      if (!first_[depth_]) out_ += compact_ ? "," : ", ";
      first_[depth_] = false;
    }
  }
  void Push() { first_[++depth_] = true; }
  void Pop() { --depth_; }

  std::string& out_;
  bool compact_;
  bool after_key_ = false;
  int depth_ = 0;
  bool first_[32] = {true};
};

inline void JsonWriter::AppendDecimal(std::string& out, int64_t units, int decimals) {
  if (units < 0) {
    out += '-';
    units = -units;
  }
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  AppendInt(out, units / scale);
  if (decimals == 0) return;
  out += '.';
  char buf[24];
  int64_t frac = units % scale;
  for (int i = decimals - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  out.append(buf, static_cast<size_t>(decimals));
}

inline void JsonWriter::EscapedString(std::string_view s) {
  Value();
  out_ += '"';
  for (char c : s) {
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[(c >> 4) & 0xf];
          out_ += kHex[c & 0xf];
        } else {
          out_ += c;
        }
    }
  }
  out_ += '"';
}

}  // namespace entangle::synth
