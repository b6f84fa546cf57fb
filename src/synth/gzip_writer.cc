#include "synth/gzip_writer.h"

#include <isa-l/igzip_lib.h>

#include <cerrno>
#include <cstring>

namespace entangle::synth {
namespace {

size_t LevelBufSize(int level) {
  switch (level) {
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    case 3: return ISAL_DEF_LVL3_DEFAULT;
    default: return 0;
  }
}

}  // namespace

GzipFileWriter::GzipFileWriter() : stream_(std::make_unique<isal_zstream>()) {}

GzipFileWriter::~GzipFileWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status GzipFileWriter::Open(const std::string& path, int level) {
  if (level < 0 || level > ISAL_DEF_MAX_LEVEL) return Status::InvalidArgument("gzip level must be 0..3");
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return Status::IOError(path + ": " + std::strerror(errno));
  isal_deflate_init(stream_.get());
  stream_->gzip_flag = IGZIP_GZIP;  // a gzip header with mtime 0: no timestamps in the output
  stream_->level = static_cast<uint32_t>(level);
  level_buf_.resize(LevelBufSize(level));
  stream_->level_buf = level_buf_.empty() ? nullptr : level_buf_.data();
  stream_->level_buf_size = static_cast<uint32_t>(level_buf_.size());
  out_.resize(kChunkBytes + (kChunkBytes >> 3) + 1024);
  in_.clear();
  in_.reserve(kChunkBytes + (256 << 10));
  compressed_ = uncompressed_ = 0;
  return Status::OK();
}

Status GzipFileWriter::WriteOut(size_t n) {
  if (n == 0) return Status::OK();
  if (std::fwrite(out_.data(), 1, n, file_) != n) return Status::IOError(path_ + ": " + std::strerror(errno));
  compressed_ += n;
  return Status::OK();
}

Status GzipFileWriter::Compress(bool finish) {
  isal_zstream* s = stream_.get();
  // The deflater's match search may look at bytes past the end of its input. Left as they were,
  // those bytes are whatever the heap held, and the same text could compress to different bytes
  // (SynthDeterminismTest failed now and then under load): they are zeros here.
  const size_t input_bytes = in_.size();
  in_.append(kInputPadding, '\0');
  s->next_in = reinterpret_cast<uint8_t*>(in_.data());
  s->avail_in = static_cast<uint32_t>(input_bytes);
  s->end_of_stream = finish ? 1 : 0;
  s->flush = NO_FLUSH;
  uncompressed_ += input_bytes;
  do {
    s->next_out = out_.data();
    s->avail_out = static_cast<uint32_t>(out_.size());
    int rc = isal_deflate(s);
    if (rc != COMP_OK) return Status::IOError(path_ + ": isal_deflate failed (" + std::to_string(rc) + ")");
    ENTANGLE_RETURN_IF_ERROR(WriteOut(out_.size() - s->avail_out));
  } while (s->avail_in > 0 || s->avail_out == 0 || (finish && s->internal_state.state != ZSTATE_END));
  in_.clear();
  return Status::OK();
}

Status GzipFileWriter::Close() {
  if (file_ == nullptr) return Status::OK();
  Status st = Compress(true);
  int rc = std::fclose(file_);
  file_ = nullptr;
  if (!st.ok()) return st;
  if (rc != 0) return Status::IOError(path_ + ": " + std::strerror(errno));
  return Status::OK();
}

Status WriteGzipFile(const std::string& path, std::string_view text, int level, uint64_t* compressed_bytes) {
  GzipFileWriter w;
  ENTANGLE_RETURN_IF_ERROR(w.Open(path, level));
  w.buffer().append(text);
  ENTANGLE_RETURN_IF_ERROR(w.Close());
  if (compressed_bytes != nullptr) *compressed_bytes = w.compressed_bytes();
  return Status::OK();
}

}  // namespace entangle::synth
