#include "parquet/parquet_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "parquet/column_decoder.h"
#include "parquet/metadata.h"

namespace entangle::parquet {

const char* PhysicalTypeName(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBoolean: return "BOOLEAN";
    case PhysicalType::kInt32: return "INT32";
    case PhysicalType::kInt64: return "INT64";
    case PhysicalType::kInt96: return "INT96";
    case PhysicalType::kFloat: return "FLOAT";
    case PhysicalType::kDouble: return "DOUBLE";
    case PhysicalType::kByteArray: return "BYTE_ARRAY";
    case PhysicalType::kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "unknown type";
}

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed: return "UNCOMPRESSED";
    case Codec::kSnappy: return "SNAPPY";
    case Codec::kGzip: return "GZIP";
    case Codec::kLzo: return "LZO";
    case Codec::kBrotli: return "BROTLI";
    case Codec::kLz4: return "LZ4";
    case Codec::kZstd: return "ZSTD";
    case Codec::kLz4Raw: return "LZ4_RAW";
  }
  return "unknown codec";
}

const char* LogicalKindName(LogicalKind kind) {
  switch (kind) {
    case LogicalKind::kNone: return "";
    case LogicalKind::kString: return "STRING";
    case LogicalKind::kMap: return "MAP";
    case LogicalKind::kList: return "LIST";
    case LogicalKind::kEnum: return "ENUM";
    case LogicalKind::kDecimal: return "DECIMAL";
    case LogicalKind::kDate: return "DATE";
    case LogicalKind::kTime: return "TIME";
    case LogicalKind::kTimestamp: return "TIMESTAMP";
    case LogicalKind::kInteger: return "INTEGER";
    case LogicalKind::kNull: return "NULL";
    case LogicalKind::kJson: return "JSON";
    case LogicalKind::kBson: return "BSON";
    case LogicalKind::kUuid: return "UUID";
    case LogicalKind::kFloat16: return "FLOAT16";
    case LogicalKind::kOther: return "OTHER";
  }
  return "";
}

// By canonical path only: a bare repeated field's own path (`…key_value.value`) names a list, which
// a caller asking for a scalar of that name must not get.
int Schema::FindNode(std::string_view path) const {
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].canonical_path == path) return static_cast<int>(i);
  }
  return -1;
}

int Schema::FindColumn(std::string_view path) const {
  for (size_t c = 0; c < leaves_.size(); ++c) {
    if (nodes_[static_cast<size_t>(leaves_[c])].canonical_path == path) return static_cast<int>(c);
  }
  return -1;
}

std::string Schema::ToString() const {
  std::string out;
  for (const SchemaNode& node : nodes_) {
    int depth = 0;
    for (int p = node.parent; p >= 0; p = nodes_[static_cast<size_t>(p)].parent) ++depth;
    out.append(static_cast<size_t>(depth) * 2, ' ');
    static const char* const kRepetition[] = {"required", "optional", "repeated"};
    out += kRepetition[static_cast<int>(node.repetition)];
    out += node.is_leaf ? std::string(" ") + PhysicalTypeName(node.type) : std::string(" group");
    out += " " + (node.parent < 0 ? std::string("schema") : node.name);
    if (node.logical.kind != LogicalKind::kNone) out += std::string(" (") + LogicalKindName(node.logical.kind) + ")";
    out += " def=" + std::to_string(node.max_def) + " rep=" + std::to_string(node.max_rep) + "\n";
  }
  return out;
}

ParquetFile::~ParquetFile() {
  if (mapped_) munmap(const_cast<uint8_t*>(data_), size_);
}

Result<std::unique_ptr<ParquetFile>> ParquetFile::Open(const std::string& path) {
  std::unique_ptr<ParquetFile> file(new ParquetFile());
  file->path_ = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IOError(path + ": cannot stat: " + std::strerror(err));
  }
  file->size_ = static_cast<uint64_t>(st.st_size);
  if (file->size_ < 12) {
    ::close(fd);
    return Status::Corruption(path + ": file of " + std::to_string(file->size_) +
                              " bytes is too small for Parquet (truncated?)");
  }
  void* map = mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
  int err = errno;
  ::close(fd);
  if (map == MAP_FAILED) return Status::IOError(path + ": cannot map: " + std::strerror(err));
  file->data_ = static_cast<const uint8_t*>(map);
  file->mapped_ = true;
  ENTANGLE_RETURN_IF_ERROR(file->ParseFooter());
  return file;
}

Result<std::unique_ptr<ParquetFile>> ParquetFile::OpenBuffer(std::string name, std::string_view bytes) {
  std::unique_ptr<ParquetFile> file(new ParquetFile());
  file->path_ = std::move(name);
  file->data_ = reinterpret_cast<const uint8_t*>(bytes.data());
  file->size_ = bytes.size();
  if (file->size_ < 12) {
    return Status::Corruption(file->path_ + ": file of " + std::to_string(file->size_) +
                              " bytes is too small for Parquet (truncated?)");
  }
  ENTANGLE_RETURN_IF_ERROR(file->ParseFooter());
  return file;
}

Status ParquetFile::ParseFooter() {
  if (std::memcmp(data_, "PAR1", 4) != 0)
    return Status::Corruption(path_ + ": not a Parquet file: no PAR1 at the start");
  const uint8_t* tail = data_ + size_ - 8;
  if (std::memcmp(tail + 4, "PARE", 4) == 0)
    return Status::Unsupported(path_ + ": encrypted Parquet files are not supported");
  if (std::memcmp(tail + 4, "PAR1", 4) != 0) {
    return Status::Corruption(path_ + ": no PAR1 at the end of the file (truncated or not Parquet)");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail, 4);
  if (static_cast<uint64_t>(footer_length) > size_ - 12) {
    return Status::Corruption(path_ + ": footer length " + std::to_string(footer_length) + " exceeds file size " +
                              std::to_string(size_));
  }
  const uint8_t* footer = tail - footer_length;
  data_end_ = size_ - 8 - footer_length;
  FileMetaDataParts parts;
  ENTANGLE_RETURN_IF_ERROR(DecodeFileMetaData(footer, footer_length, path_, &schema_, &parts));
  num_rows_ = parts.num_rows;
  row_groups_ = std::move(parts.row_groups);
  created_by_ = std::move(parts.created_by);
  return Status::OK();
}

Result<int> ParquetFile::FindColumn(std::string_view path) const {
  int column = schema_.FindColumn(path);
  if (column < 0) {
    std::string message = path_ + ": column not found: " + std::string(path);
    if (schema_.FindNode(path) > 0) message += " (a group: name one of its leaf columns)";
    return Status::NotFound(message);
  }
  return column;
}

Status ParquetFile::ReadColumn(int row_group, int column, ColumnData* out) const {
  if (row_group < 0 || row_group >= num_row_groups()) {
    return Status::InvalidArgument(path_ + ": no row group " + std::to_string(row_group) + " (the file has " +
                                   std::to_string(num_row_groups()) + ")");
  }
  if (column < 0 || column >= schema_.num_columns()) {
    return Status::InvalidArgument(path_ + ": no column " + std::to_string(column) + " (the file has " +
                                   std::to_string(schema_.num_columns()) + ")");
  }
  return ColumnDecoder::Read(data_, data_end_, path_, row_group, row_groups_[static_cast<size_t>(row_group)],
                             schema_.column(column), out);
}

Status ParquetFile::ReadColumn(int row_group, std::string_view path, PhysicalType expected, ColumnData* out) const {
  Result<int> column = FindColumn(path);
  if (!column.ok()) return column.status();
  PhysicalType found = schema_.column(*column).type;
  if (found != expected) {
    return Status::InvalidArgument(path_ + ": column " + std::string(path) + ": expected " +
                                   PhysicalTypeName(expected) + ", found " + PhysicalTypeName(found));
  }
  return ReadColumn(row_group, *column, out);
}

}  // namespace entangle::parquet
