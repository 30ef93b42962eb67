/**
 * Characters that leave a token in `name_base` (SPEC §3 step 5): letters, digits, and `&` `@` `+`, which
 * become `and` `at` `plus`. "Would this leave nothing?" checks use it, so a part such as `@` counts as
 * text here exactly as it does once normalised; otherwise `@ dba X` would split differently from its core.
 */
export const NAME_CONTENT = /[a-z0-9&@+]/i;
