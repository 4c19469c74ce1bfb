/** Text cut to `max` characters, saying it was cut, for echoes of client input and upstream messages. */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
