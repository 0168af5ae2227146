// The wire checks, evaluated at compile time: compiling this file is passing.
#include "wire_checks.hpp"

namespace tests_constexpr_wire_constexpr {

static_assert(wire_checks::reads_integers());
static_assert(wire_checks::truncation_reports_offset_and_field());
static_assert(wire_checks::prefix_bounds_enforced());
static_assert(wire_checks::prefix_longer_than_input_is_truncated());
static_assert(wire_checks::trailing_bytes_rejected());
static_assert(wire_checks::first_error_sticks());
static_assert(wire_checks::nested_offsets_are_absolute());
static_assert(wire_checks::writer_fills_prefixes());
static_assert(wire_checks::writer_rejects_prefix_overflow());
static_assert(wire_checks::writer_enforces_bounds_unless_unchecked());
static_assert(wire_checks::writer_fixed_buffer_overflow());
static_assert(wire_checks::writer_counts_without_target());
static_assert(wire_checks::writer_rejects_too_wide_uint());

}  // namespace tests_constexpr_wire_constexpr
