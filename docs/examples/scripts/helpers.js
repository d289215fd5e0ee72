// The `use file` of the examples in docs/language.md: evaluated before every job of its workflow.
function twice(n) {
    return 2 * n;
}
