#include "render/list_render.hpp"

#include "render/json_writer.hpp"

namespace r1tag {

std::string render_list_json(const ListView& view) {
  JsonWriter w(512 + view.files.size() * 512);  // a model's entry is ~300 bytes
  w.begin_object();
  w.field("schema_version", 1);
  w.key("models").begin_array();
  for (const InstalledFile& f : view.files) {
    w.begin_object();
    w.field("name", f.name);
    w.field("other_names", f.other_names);
    w.field("store", to_string(f.store));
    w.field("store_root", f.store_root);
    w.field("bytes", f.bytes);
    w.field("paths", f.paths);
    w.field("split_count", f.split_count);
    w.field("missing_parts", f.missing_parts);
    w.end_object();
  }
  w.end_array();
  w.key("stores").begin_array();
  for (const StoreRoot& r : view.roots) {
    w.begin_object();
    w.field("store", to_string(r.store));
    w.field("path", r.path);
    w.end_object();
  }
  w.end_array();
  w.field("warnings", view.warnings);
  w.end_object();
  return std::move(w).finish();
}

}  // namespace r1tag
