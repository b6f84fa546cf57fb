// Streaming gzip inflate with ISA-L. Reads the file through a fixed input buffer and inflates
// straight into the caller's memory; concatenated gzip members are read as one stream.
#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "source/byte_source.h"
#include "source/chunk_reader.h"

namespace entangle::source {
namespace {

constexpr size_t kInputBufferBytes = 512 << 10;
constexpr uint8_t kGzipMagic1 = 0x1f;

const char* InflateErrorName(int rc) {
  switch (rc) {
    case ISAL_INVALID_BLOCK: return "invalid deflate block";
    case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK: return "invalid lookback distance";
    case ISAL_INVALID_WRAPPER: return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM: return "checksum mismatch";
    case ISAL_NEED_DICT: return "preset dictionary required";
    default: return "inflate error";
  }
}

class GzipFileSource final : public ByteSource {
 public:
  GzipFileSource(UniqueFd fd, std::string path)
      : fd_(std::move(fd)),
        path_(std::move(path)),
        input_(std::make_unique_for_overwrite<uint8_t[]>(kInputBufferBytes)),
        state_(std::make_unique<inflate_state>()) {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
  }

  size_t Read(char* out, size_t capacity) override {
    size_t produced = 0;
    while (produced < capacity && end_ == End::kNotYet) {
      produced += InflateInto(out + produced, std::min(capacity - produced, kMaxOutputPiece));
    }
    produced_bytes_ += produced;
    consumed_bytes_ = file_bytes_read_ - state_->avail_in;
    return produced;
  }

 private:
  // avail_out is 32-bit, so larger reads are done in pieces.
  static constexpr size_t kMaxOutputPiece = size_t{1} << 30;

  size_t InflateInto(char* out, size_t capacity) {
    state_->next_out = reinterpret_cast<uint8_t*>(out);
    state_->avail_out = static_cast<uint32_t>(capacity);
    while (state_->avail_out > 0 && end_ == End::kNotYet) Step();
    return capacity - state_->avail_out;
  }

  // One unit of progress: refill the input, start the next member, or inflate.
  void Step() {
    if (member_finished_) {
      StartNextMember();
      return;
    }
    if (state_->avail_in == 0 && !file_eof_) {
      RefillInput();
      return;
    }
    uint32_t out_before = state_->avail_out;
    int rc = isal_inflate(state_.get());
    if (rc != ISAL_DECOMP_OK) {
      Finish(End::kCorrupt, Where() + InflateErrorName(rc));
    } else if (state_->block_state == ISAL_BLOCK_FINISH) {
      member_finished_ = true;
    } else if (state_->avail_in == 0 && file_eof_ && state_->avail_out == out_before) {
      // No input left and nothing more comes out: the member was cut short.
      Finish(End::kTruncated, Where() + "gzip data ends before the end of its member");
    }
  }

  // Returns true when input arrived; sets file_eof_ or an I/O error otherwise.
  bool RefillInput() {
    long n = ReadFully(fd_.get(), reinterpret_cast<char*>(input_.get()), kInputBufferBytes);
    if (n < 0) {
      Finish(End::kIOError, path_ + ": " + std::strerror(errno));
      return false;
    }
    if (n == 0) {
      file_eof_ = true;
      if (file_bytes_read_ == 0) Finish(End::kClean);  // a 0-byte file holds no members at all
      return false;
    }
    file_bytes_read_ += static_cast<uint64_t>(n);
    state_->next_in = input_.get();
    state_->avail_in = static_cast<uint32_t>(n);
    return true;
  }

  // After a member: zero padding may follow (and is ignored), then another member or the end.
  void StartNextMember() {
    while (true) {
      while (state_->avail_in > 0 && *state_->next_in == 0) {
        ++state_->next_in;
        --state_->avail_in;
      }
      if (state_->avail_in > 0) break;
      if (file_eof_ || !RefillInput()) {
        if (end_ == End::kNotYet) Finish(End::kClean);
        return;
      }
    }
    if (*state_->next_in != kGzipMagic1) {
      Finish(End::kCorrupt, Where() + "data after the last gzip member is not gzip");
      return;
    }
    isal_inflate_reset(state_.get());  // keeps next_in/next_out and crc_flag
    member_finished_ = false;
  }

  std::string Where() const {
    return path_ + ": at compressed byte " + std::to_string(file_bytes_read_ - state_->avail_in) + ": ";
  }

  UniqueFd fd_;
  std::string path_;
  std::unique_ptr<uint8_t[]> input_;
  std::unique_ptr<inflate_state> state_;  // large (~100 KB): keep it off the stack
  uint64_t file_bytes_read_ = 0;
  bool file_eof_ = false;
  bool member_finished_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenGzipFileSource(const std::string& path) {
  Result<UniqueFd> fd = OpenForReading(path);
  if (!fd.ok()) return fd.status();
  return std::unique_ptr<ByteSource>(new GzipFileSource(std::move(fd).value(), path));
}

}  // namespace entangle::source

namespace entangle::source {

Result<uint64_t> InflateToNowhere(const std::string& path) {
  constexpr size_t kSinkBytes = 1 << 20;
  bool gzip = DetectInputFormat(path) == InputFormat::kGzipJsonLines;
  Result<std::unique_ptr<ByteSource>> source = gzip ? OpenGzipFileSource(path) : OpenPlainFileSource(path);
  if (!source.ok()) return source.status();
  auto sink = std::make_unique_for_overwrite<char[]>(kSinkBytes);
  ByteSource& bytes = **source;
  uint64_t total = 0;
  while (bytes.end() == ByteSource::End::kNotYet) total += bytes.Read(sink.get(), kSinkBytes);
  if (bytes.end() == ByteSource::End::kIOError) return Status::IOError(bytes.end_message());
  if (bytes.end() != ByteSource::End::kClean) return Status::Corruption(bytes.end_message());
  return total;
}

}  // namespace entangle::source
