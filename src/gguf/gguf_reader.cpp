#include <r1tag/gguf/gguf_reader.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <type_traits>
#include <unordered_set>
#include <cstring>
#include <memory>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace r1tag {

namespace {

// Format (ggml docs/gguf.md): magic "GGUF", u32 version, u64 tensor count, u64 key/value count,
// key/value pairs, tensor infos; all little-endian. Keys are at most 65,535 bytes (gguf.md); ggml
// tensors have at most 4 dimensions (GGML_MAX_DIMS).
constexpr std::uint64_t max_key_bytes = 65535;
constexpr std::uint32_t max_dims = 4;
constexpr std::uint32_t default_alignment = 32;
// Elements reserved before they are read: enough for DeepSeek-R1's 1,025 tensors in one allocation.
constexpr std::uint64_t k_reserve_at_most = 2048;
constexpr std::uint32_t last_value_type = static_cast<std::uint32_t>(GgufValueType::float64);
// Smallest encodings, for checking a count against the bytes left before looping over it.
constexpr std::uint64_t min_key_value_bytes = 8 + 1 + 4 + 1;               // key length, key, type, u8
constexpr std::uint64_t min_tensor_info_bytes = 8 + 1 + 4 + 8 + 4 + 8;     // name, n_dims, one dim, type, offset

// "41,233": offsets in messages, readable at a glance.
std::string with_commas(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// 0 for strings and arrays, whose size is in the file.
std::uint64_t scalar_size(GgufValueType type) {
  switch (type) {
    case GgufValueType::uint8:
    case GgufValueType::int8:
    case GgufValueType::boolean: return 1;
    case GgufValueType::uint16:
    case GgufValueType::int16: return 2;
    case GgufValueType::uint32:
    case GgufValueType::int32:
    case GgufValueType::float32: return 4;
    case GgufValueType::uint64:
    case GgufValueType::int64:
    case GgufValueType::float64: return 8;
    case GgufValueType::string:
    case GgufValueType::array: return 0;
  }
  return 0;
}

// The smallest bytes one element of `type` takes: a string's length, an array's type and length.
std::uint64_t min_element_size(GgufValueType type) {
  if (type == GgufValueType::string) return 8;
  if (type == GgufValueType::array) return 12;
  return scalar_size(type);
}

// What a read is for, in messages: a string, or a function that builds one only when a message is
// written (a tensor's "tensor 12 'blk.0.attn_q.weight'" would otherwise be formatted 1,025 times).
template <typename What>
std::string describe(const What& what) {
  if constexpr (std::is_invocable_v<What>) return what();
  else return std::string(what);
}

bool is_integer(GgufValueType type) {
  return type != GgufValueType::float32 && type != GgufValueType::float64 && type != GgufValueType::string &&
         type != GgufValueType::array;
}

// Reads the header front to back through a buffer that refills from the source in chunks that
// double in size, so small files cost one read and an HTTP source makes few, growing requests.
class Cursor {
 public:
  Cursor(ByteSource& source, const GgufReadLimits& limits)
      : m_source(source),
        m_limits(limits),
        m_name(source.display_name()),
        m_size(source.size_bytes()),
        m_end(m_size ? std::min(*m_size, limits.max_header_bytes) : limits.max_header_bytes),
        m_chunk(std::max<std::uint64_t>(limits.first_chunk_bytes, 16)) {}

  std::uint64_t pos() const { return m_pos; }
  const std::string& name() const { return m_name; }
  const std::optional<std::uint64_t>& size() const { return m_size; }

  // Bytes the header may still take from here: to the end of the source, or to the header cap.
  std::uint64_t left() const { return m_end - m_pos; }

  [[noreturn]] void fail(std::uint64_t at, std::string_view what, std::string hint = {}) const {
    throw Error(ExitCode::bad_file, fmt::format("{}: {} (byte {})", m_name, what, with_commas(at)), std::move(hint));
  }

  // Checks that `n` more bytes may belong to the header; names `what` when they cannot.
  template <typename What>
  void check_room(std::uint64_t n, const What& what) const {
    if (n <= left()) return;
    if (m_size && m_pos + std::min(n, std::numeric_limits<std::uint64_t>::max() - m_pos) > *m_size &&
        *m_size <= m_limits.max_header_bytes)
      fail(m_pos, fmt::format("truncated: {} needs {} bytes, the file ends at byte {}", describe(what), with_commas(n),
                              with_commas(*m_size)),
           "the file is incomplete or damaged; download it again");
    fail(m_pos, fmt::format("{} would take the header past r1tag's cap of {} bytes", describe(what),
                            with_commas(m_limits.max_header_bytes)));
  }

  // The next `n` bytes, valid until the next call.
  template <typename What>
  const std::byte* take(std::size_t n, const What& what) {
    check_room(n, what);
    if (m_pos < m_buf_start || m_pos + n > m_buf_start + m_buf_size) refill(n, what);
    const std::byte* p = m_buf.get() + (m_pos - m_buf_start);
    m_pos += n;
    return p;
  }

  template <typename What>
  void skip(std::uint64_t n, const What& what) {
    check_room(n, what);
    m_pos += n;
  }

  template <typename T, typename What>
  T get(const What& what) {
    T value;
    std::memcpy(&value, take(sizeof(T), what), sizeof(T));
    return value;  // little-endian host assumed (checked at build: see static_assert below)
  }

  template <typename What>
  std::string get_string(std::uint64_t max_bytes, const What& what) {
    const std::uint64_t at = m_pos;
    const auto length = get<std::uint64_t>(what);
    if (length > max_bytes)
      fail(at, fmt::format("{} is {} bytes long, above the cap of {}", describe(what), with_commas(length),
                           with_commas(max_bytes)));
    check_room(length, what);
    const std::byte* p = take(static_cast<std::size_t>(length), what);
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(length));
  }

  // Skipped strings (vocabulary entries) are checked by length and never copied.
  template <typename What>
  void skip_string(const What& what) {
    const auto length = get<std::uint64_t>(what);
    if (length > m_limits.max_string_bytes)
      fail(m_pos - 8, fmt::format("{} is {} bytes long, above the cap of {}", describe(what), with_commas(length),
                                  with_commas(m_limits.max_string_bytes)));
    skip(length, what);
  }

  // Skips `count` strings (a vocabulary's 150,000 tokens and as many merges): while the next length and
  // its string lie inside the buffer and under the caps, one tight loop advances over them; anything
  // else (a refill, a length past the end or the cap) goes through skip_string, which reads or fails
  // exactly as for one string.
  void skip_strings(std::uint64_t count, std::string_view what) {
    while (count > 0) {
      const std::uint64_t buf_end = m_buf_start + m_buf_size;
      while (count > 0 && m_pos >= m_buf_start && m_pos + 8 <= buf_end) {
        std::uint64_t length = 0;
        std::memcpy(&length, m_buf.get() + (m_pos - m_buf_start), 8);
        if (length > m_limits.max_string_bytes || length > left() - 8) break;
        m_pos += 8 + length;
        --count;
      }
      if (count == 0) return;
      skip_string(what);
      --count;
    }
  }

  // A source of unknown size: confirm that the bytes skipped last really exist.
  void confirm_read_to_here(std::string_view what) {
    if (m_pos == 0 || m_pos <= m_buf_start + m_buf_size) return;
    --m_pos;
    take(1, what);
  }

 private:
  template <typename What>
  void refill(std::size_t n, const What& what) {
    // One buffer per header, grown as the chunks double and never reallocated per chunk: what is still
    // ahead moves to its front and the source fills the rest. It is not zero-filled (every byte used was
    // read): a 5 MB vocabulary then costs one pass over its bytes, not an allocation, a memset and fresh
    // page faults per chunk, which were most of the time of `r1tag list` over a store of 50 models.
    const std::uint64_t want = std::min<std::uint64_t>(std::max<std::uint64_t>(n, m_chunk), m_end - m_pos);
    std::size_t have = 0;
    const std::uint64_t buf_end = m_buf_start + m_buf_size;
    if (m_pos >= m_buf_start && m_pos < buf_end) have = static_cast<std::size_t>(buf_end - m_pos);
    const std::byte* ahead = have > 0 ? m_buf.get() + (m_pos - m_buf_start) : nullptr;
    if (want > m_buf_capacity) {
      auto bigger = std::make_unique_for_overwrite<std::byte[]>(static_cast<std::size_t>(want));
      if (have > 0) std::memcpy(bigger.get(), ahead, have);
      m_buf = std::move(bigger);
      m_buf_capacity = static_cast<std::size_t>(want);
    } else if (have > 0) {
      std::memmove(m_buf.get(), ahead, have);
    }
    while (have < want) {
      const std::size_t got = m_source.read(m_pos + have, std::span<std::byte>(m_buf.get() + have, static_cast<std::size_t>(want) - have));
      if (got == 0) break;
      have += got;
    }
    if (have < n)
      fail(m_pos, fmt::format("truncated: {} needs {} bytes, the file ends at byte {}", describe(what), with_commas(n),
                              with_commas(m_pos + have)),
           "the file is incomplete or damaged; download it again");
    m_buf_size = have;
    m_buf_start = m_pos;
    m_chunk = std::min(m_chunk * 2, std::max(m_limits.max_chunk_bytes, m_limits.first_chunk_bytes));
  }

  ByteSource& m_source;
  const GgufReadLimits& m_limits;
  std::string m_name;
  std::optional<std::uint64_t> m_size;
  std::uint64_t m_end;
  std::uint64_t m_chunk;
  std::uint64_t m_pos = 0;
  std::unique_ptr<std::byte[]> m_buf;
  std::size_t m_buf_size = 0;      // bytes of m_buf that hold the source's [m_buf_start, m_buf_start + m_buf_size)
  std::size_t m_buf_capacity = 0;
  std::uint64_t m_buf_start = 0;
};

static_assert(std::endian::native == std::endian::little, "the GGUF reader assumes a little-endian host");

GgufValueType checked_type(Cursor& in, std::string_view what) {
  const std::uint64_t at = in.pos();
  const auto raw = in.get<std::uint32_t>(what);
  if (raw > last_value_type) in.fail(at, fmt::format("{}: value type {} is not a GGUF type (0-12)", what, raw));
  return static_cast<GgufValueType>(raw);
}

class Reader {
 public:
  Reader(Cursor& in, const GgufReadLimits& limits, std::span<const GgmlType> types)
      : m_in(in), m_limits(limits), m_types(types) {}

  GgufHeader read() {
    GgufHeader header;
    header.source_name = m_in.name();
    read_magic_and_version(header);
    const std::uint64_t count_at = m_in.pos();
    const auto tensor_count = m_in.get<std::uint64_t>("tensor count");
    const auto kv_count = m_in.get<std::uint64_t>("key/value count");
    check_count(count_at, tensor_count, m_limits.max_tensor_count, min_tensor_info_bytes, "tensor count");
    check_count(count_at + 8, kv_count, m_limits.max_metadata_count, min_key_value_bytes, "key/value count");
    // Reserved only up to what a small header holds: with a source of unknown size the count is checked
    // against the cap, not the real bytes, and each element read consumes real bytes anyway (fuzz finding).
    header.metadata.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(kv_count, k_reserve_at_most)));
    for (std::uint64_t i = 0; i < kv_count; ++i) header.metadata.push_back(read_key_value(i));
    check_duplicate_keys(header);
    header.alignment = alignment_of(header);
    header.tensor_infos_offset = m_in.pos();
    header.tensors.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(tensor_count, k_reserve_at_most)));
    for (std::uint64_t i = 0; i < tensor_count; ++i) header.tensors.push_back(read_tensor_info(i, header.alignment));
    m_in.confirm_read_to_here("the last key/value pair");
    header.header_bytes = m_in.pos();
    header.data_offset = (header.header_bytes + header.alignment - 1) / header.alignment * header.alignment;
    check_tensor_placement(header);
    return header;
  }

 private:
  void read_magic_and_version(GgufHeader& header) {
    if (m_in.size() && *m_in.size() == 0) m_in.fail(0, "not a GGUF file: the file is empty");
    if (m_in.left() < 4) m_in.fail(0, "not a GGUF file: shorter than the 4-byte magic");
    const std::byte* magic = m_in.take(4, "the magic");
    if (!starts_with_gguf_magic(std::span<const std::byte>(magic, 4)))
      m_in.fail(0, fmt::format("not a GGUF file: it starts with bytes {:02x} {:02x} {:02x} {:02x}, not 'GGUF'",
                               std::to_integer<unsigned>(magic[0]), std::to_integer<unsigned>(magic[1]),
                               std::to_integer<unsigned>(magic[2]), std::to_integer<unsigned>(magic[3])));
    const auto version = m_in.get<std::uint32_t>("the version");
    if (version == 0x02000000u || version == 0x03000000u)
      m_in.fail(4, fmt::format("big-endian GGUF (version {}) is not supported; r1tag reads little-endian files",
                               version >> 24),
                "convert the model again without --bigendian");
    if (version == 1)
      m_in.fail(4, "GGUF version 1 is not supported; r1tag reads versions 2 and 3",
                "convert the model again with a current llama.cpp");
    if (version != 2 && version != 3)
      m_in.fail(4, fmt::format("GGUF version {} is not supported; r1tag reads versions 2 and 3", version));
    header.version = version;
  }

  void check_count(std::uint64_t at, std::uint64_t count, std::uint64_t cap, std::uint64_t min_bytes,
                   std::string_view what) const {
    if (count > cap) m_in.fail(at, fmt::format("{} {} is above r1tag's cap of {}", what, count, with_commas(cap)));
    if (count > m_in.left() / min_bytes)
      m_in.fail(at, fmt::format("{} {} needs at least {} bytes, the {} has at most {} left", what, count,
                                with_commas(count * min_bytes), m_in.size() ? "file" : "header", with_commas(m_in.left())),
                "the file is incomplete or damaged; download it again");
  }

  GgufKeyValue read_key_value(std::uint64_t index) {
    GgufKeyValue kv;
    kv.offset = m_in.pos();
    kv.key = m_in.get_string(max_key_bytes, fmt::format("key {}", index));
    if (kv.key.empty()) m_in.fail(kv.offset, fmt::format("key {} is empty", index));
    const std::string what = fmt::format("key '{}'", kv.key);
    kv.value = read_value(checked_type(m_in, what), 0, what);
    return kv;
  }

  GgufValue read_value(GgufValueType type, std::uint32_t depth, const std::string& what) {
    GgufValue v;
    v.type = type;
    switch (type) {
      case GgufValueType::uint8: v.value = std::uint64_t{m_in.get<std::uint8_t>(what)}; break;
      case GgufValueType::uint16: v.value = std::uint64_t{m_in.get<std::uint16_t>(what)}; break;
      case GgufValueType::uint32: v.value = std::uint64_t{m_in.get<std::uint32_t>(what)}; break;
      case GgufValueType::uint64: v.value = m_in.get<std::uint64_t>(what); break;
      case GgufValueType::int8: v.value = std::int64_t{m_in.get<std::int8_t>(what)}; break;
      case GgufValueType::int16: v.value = std::int64_t{m_in.get<std::int16_t>(what)}; break;
      case GgufValueType::int32: v.value = std::int64_t{m_in.get<std::int32_t>(what)}; break;
      case GgufValueType::int64: v.value = m_in.get<std::int64_t>(what); break;
      case GgufValueType::float32: v.value = double{m_in.get<float>(what)}; break;
      case GgufValueType::float64: v.value = m_in.get<double>(what); break;
      case GgufValueType::boolean: v.value = m_in.get<std::uint8_t>(what) != 0; break;
      case GgufValueType::string: v.value = m_in.get_string(m_limits.max_string_bytes, what); break;
      case GgufValueType::array: v.value = read_array(depth + 1, what); break;
    }
    return v;
  }

  GgufArray read_array(std::uint32_t depth, const std::string& what) {
    const std::uint64_t at = m_in.pos();
    if (depth > m_limits.max_array_depth)
      m_in.fail(at, fmt::format("{}: arrays nested deeper than {}", what, m_limits.max_array_depth));
    GgufArray array;
    array.element_type = checked_type(m_in, what);
    array.length = m_in.get<std::uint64_t>(what);
    const std::uint64_t min_size = min_element_size(array.element_type);
    if (array.length > m_in.left() / min_size)
      m_in.fail(at, fmt::format("{}: array of {} {} elements needs at least {} bytes, the header has at most {} left",
                                what, array.length, gguf_value_type_name(array.element_type),
                                with_commas(array.length * min_size), with_commas(m_in.left())));
    const std::uint64_t size = scalar_size(array.element_type);
    if (size > 0 && is_integer(array.element_type) && array.length <= m_limits.max_kept_array_length) {
      array.integers.reserve(static_cast<std::size_t>(array.length));
      for (std::uint64_t i = 0; i < array.length; ++i) array.integers.push_back(integer_element(array.element_type, what));
    } else if (size > 0) {
      m_in.skip(array.length * size, what);
    } else if (array.element_type == GgufValueType::string) {
      m_in.skip_strings(array.length, what);
    } else {
      for (std::uint64_t i = 0; i < array.length; ++i) {
        const GgufValueType inner = checked_type(m_in, what);
        (void)read_value_of_array(inner, depth, what);
      }
    }
    return array;
  }

  // An element of a nested array: its own element type and length follow (the outer type was array).
  GgufArray read_value_of_array(GgufValueType element_type, std::uint32_t depth, const std::string& what) {
    // Rewind-free: the nested array's element type was just read; read its length and elements.
    const std::uint64_t at = m_in.pos();
    if (depth + 1 > m_limits.max_array_depth)
      m_in.fail(at, fmt::format("{}: arrays nested deeper than {}", what, m_limits.max_array_depth));
    GgufArray inner;
    inner.element_type = element_type;
    inner.length = m_in.get<std::uint64_t>(what);
    const std::uint64_t min_size = min_element_size(element_type);
    if (inner.length > m_in.left() / min_size)
      m_in.fail(at, fmt::format("{}: array of {} {} elements needs at least {} bytes, the header has at most {} left",
                                what, inner.length, gguf_value_type_name(element_type),
                                with_commas(inner.length * min_size), with_commas(m_in.left())));
    const std::uint64_t size = scalar_size(element_type);
    if (size > 0) {
      m_in.skip(inner.length * size, what);
    } else if (element_type == GgufValueType::string) {
      m_in.skip_strings(inner.length, what);
    } else {
      for (std::uint64_t i = 0; i < inner.length; ++i)
        (void)read_value_of_array(checked_type(m_in, what), depth + 1, what);
    }
    return inner;
  }

  std::int64_t integer_element(GgufValueType type, const std::string& what) {
    switch (type) {
      case GgufValueType::uint8:
      case GgufValueType::boolean: return m_in.get<std::uint8_t>(what);
      case GgufValueType::int8: return m_in.get<std::int8_t>(what);
      case GgufValueType::uint16: return m_in.get<std::uint16_t>(what);
      case GgufValueType::int16: return m_in.get<std::int16_t>(what);
      case GgufValueType::uint32: return m_in.get<std::uint32_t>(what);
      case GgufValueType::int32: return m_in.get<std::int32_t>(what);
      case GgufValueType::uint64: return static_cast<std::int64_t>(m_in.get<std::uint64_t>(what));
      default: return m_in.get<std::int64_t>(what);
    }
  }

  void check_duplicate_keys(const GgufHeader& header) const {
    std::vector<const GgufKeyValue*> sorted;
    sorted.reserve(header.metadata.size());
    for (const GgufKeyValue& kv : header.metadata) sorted.push_back(&kv);
    std::sort(sorted.begin(), sorted.end(), [](const GgufKeyValue* a, const GgufKeyValue* b) {
      return a->key != b->key ? a->key < b->key : a->offset < b->offset;
    });
    for (std::size_t i = 1; i < sorted.size(); ++i)
      if (sorted[i]->key == sorted[i - 1]->key)
        m_in.fail(sorted[i]->offset, fmt::format("key '{}' appears twice", sorted[i]->key));
  }

  std::uint32_t alignment_of(const GgufHeader& header) const {
    for (const GgufKeyValue& kv : header.metadata) {
      if (kv.key != "general.alignment") continue;
      const auto* value = std::get_if<std::uint64_t>(&kv.value.value);
      if (kv.value.type != GgufValueType::uint32 || value == nullptr)
        m_in.fail(kv.offset, fmt::format("general.alignment is a {}, not a uint32", gguf_value_type_name(kv.value.type)));
      if (*value == 0 || (*value & (*value - 1)) != 0)
        m_in.fail(kv.offset, fmt::format("general.alignment {} is not a power of two", *value));
      return static_cast<std::uint32_t>(*value);
    }
    return default_alignment;
  }

  const GgmlType* find_type(std::uint32_t id) const {
    for (const GgmlType& t : m_types)
      if (t.type_id == id) return &t;
    return nullptr;
  }

  GgufTensorInfo read_tensor_info(std::uint64_t index, std::uint32_t alignment) {
    GgufTensorInfo t;
    t.info_offset = m_in.pos();
    t.name = m_in.get_string(m_limits.max_tensor_name_bytes, [&] { return fmt::format("tensor {} name", index); });
    const auto what = [&] { return fmt::format("tensor {} '{}'", index, t.name); };
    if (t.name.empty()) m_in.fail(t.info_offset, fmt::format("tensor {} has an empty name", index));
    const std::uint64_t dims_at = m_in.pos();
    t.n_dims = m_in.get<std::uint32_t>(what);
    if (t.n_dims < 1 || t.n_dims > max_dims)
      m_in.fail(dims_at, fmt::format("{}: n_dims {} is not 1 to {}", what(), t.n_dims, max_dims));
    std::uint64_t elements = 1;
    for (std::uint32_t d = 0; d < t.n_dims; ++d) {
      const std::uint64_t at = m_in.pos();
      t.ne[d] = m_in.get<std::uint64_t>(what);
      if (t.ne[d] == 0) m_in.fail(at, fmt::format("{}: dimension {} is 0", what(), d));
      if (__builtin_mul_overflow(elements, t.ne[d], &elements) ||
          elements > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        m_in.fail(at, fmt::format("{}: the dimensions' product overflows 63 bits", what()));
    }
    const std::uint64_t type_at = m_in.pos();
    t.type_id = m_in.get<std::uint32_t>(what);
    const GgmlType* type = find_type(t.type_id);
    if (type == nullptr) m_in.fail(type_at, fmt::format("{}: type id {} is not a ggml type", what(), t.type_id));
    if (type->block_size == 0 || type->type_size_bytes == 0)
      m_in.fail(type_at, fmt::format("{}: type {} ({}) has no data layout ggml still reads", what(), t.type_id, type->name));
    t.type_name = type->name;
    if (t.ne[0] % type->block_size != 0)
      m_in.fail(type_at, fmt::format("{}: row length {} is not a multiple of {}'s block of {}", what(), t.ne[0],
                                     type->name, type->block_size));
    if (__builtin_mul_overflow(elements / type->block_size, std::uint64_t{type->type_size_bytes}, &t.bytes))
      m_in.fail(type_at, fmt::format("{}: its data size overflows 64 bits", what()));
    const std::uint64_t offset_at = m_in.pos();
    t.offset = m_in.get<std::uint64_t>(what);
    if (t.offset % alignment != 0)
      m_in.fail(offset_at, fmt::format("{}: data offset {} is not a multiple of the alignment {}", what(),
                                       with_commas(t.offset), alignment));
    return t;
  }

  // Offsets in order must not overlap, and (when the size is known) the data must lie in the source.
  void check_tensor_placement(const GgufHeader& header) const {
    std::vector<const GgufTensorInfo*> by_offset;
    by_offset.reserve(header.tensors.size());
    for (const GgufTensorInfo& t : header.tensors) by_offset.push_back(&t);
    std::sort(by_offset.begin(), by_offset.end(),
              [](const GgufTensorInfo* a, const GgufTensorInfo* b) { return a->offset < b->offset; });
    for (std::size_t i = 0; i < by_offset.size(); ++i) {
      const GgufTensorInfo& t = *by_offset[i];
      std::uint64_t end = 0;
      if (__builtin_add_overflow(t.offset, t.bytes, &end) || __builtin_add_overflow(end, header.data_offset, &end))
        m_in.fail(t.info_offset, fmt::format("tensor '{}': data offset {} is past any file", t.name, with_commas(t.offset)));
      if (i + 1 < by_offset.size() && t.offset + t.bytes > by_offset[i + 1]->offset)
        m_in.fail(by_offset[i + 1]->info_offset,
                  fmt::format("tensor '{}' (data at {}) overlaps tensor '{}' (data at {}, {} bytes)", by_offset[i + 1]->name,
                              with_commas(by_offset[i + 1]->offset), t.name, with_commas(t.offset), with_commas(t.bytes)));
      if (m_in.size() && end > *m_in.size())
        m_in.fail(t.info_offset,
                  fmt::format("tensor '{}': its data ends at byte {}, past the end of the file ({} bytes)", t.name,
                              with_commas(end), with_commas(*m_in.size())),
                  "the file is incomplete or damaged; download it again");
    }
    // A hash set: sorting a thousand names sharing "blk.N." prefixes cost more than reading them.
    std::unordered_set<std::string_view> names;
    names.reserve(header.tensors.size());
    for (const GgufTensorInfo& t : header.tensors)
      if (!names.insert(t.name).second) m_in.fail(t.info_offset, fmt::format("tensor '{}' appears twice", t.name));
  }

  Cursor& m_in;
  const GgufReadLimits& m_limits;
  std::span<const GgmlType> m_types;
};

}  // namespace

bool starts_with_gguf_magic(std::span<const std::byte> bytes) {
  constexpr std::string_view magic = "GGUF";
  if (bytes.size() < magic.size()) return false;
  for (std::size_t i = 0; i < magic.size(); ++i)
    if (std::to_integer<char>(bytes[i]) != magic[i]) return false;
  return true;
}

GgufHeader read_gguf_header(ByteSource& source, std::span<const GgmlType> ggml_types, const GgufReadLimits& limits) {
  Cursor in(source, limits);
  return Reader(in, limits, ggml_types).read();
}

GgufHeader read_gguf_header(ByteSource& source, const Catalog& catalog, const GgufReadLimits& limits) {
  return read_gguf_header(source, std::span<const GgmlType>(catalog.ggml_types), limits);
}

}  // namespace r1tag
