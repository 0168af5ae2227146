#include "typed_extension.hpp"

namespace test_support {

typed_body decode_typed(tlswire::extension_type type, tlswire::message_kind kind, tlswire::bytes_view body,
                        const tlswire::context& ctx) {
    using namespace tlswire;
    typed_body t;
    t.described = describe_extension(type, kind, [&]<class T>(std::type_identity<T>) {
        const result<T> r = parse<T>(body, ctx);
        if (!r) {
            t.error = r.err();
            return;
        }
        writer w(t.reserialized);
        w.record_prefixes(&t.lengths);
        described_format::write(w, *r, T::wire_name, ctx);
        t.written = w.ok();
    });
    return t;
}

}  // namespace test_support
