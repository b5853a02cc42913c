/**
 * @module One sentence rule for every rendered string, on i18next's path (a post-processor) and the compiled one
 * alike: a value ending in an abbreviation's full stop ("1 января 2027 г.") at the end of a sentence ("… вступит в
 * силу {{date}}.") gives one full stop, not two (issue 14). An ellipsis ("...") is left alone.
 */
export function singleFullStop(value: string): string {
  return value.replace(/(?<!\.)\.\.(?!\.)/g, '.');
}
