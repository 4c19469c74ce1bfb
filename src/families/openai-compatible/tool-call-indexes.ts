/**
 * Tool-call deltas name the call they belong to by `index`; Google's OpenAI-compatible endpoint
 * leaves it out and sends each call whole. A delta without an index starts a new call when it
 * brings an id or a name (only a call's first fragment has them), else it continues the last one.
 */
interface CallDelta {
  index?: number;
  id?: string;
  function?: { name?: string };
}

export class ToolCallIndexes {
  private readonly choices = new Map<number, { count: number; ids: Map<string, number> }>();

  /** Gives every call without an index its index; returns whether there was one. */
  assign(choice: number, calls: CallDelta[]): boolean {
    let state = this.choices.get(choice);
    if (!state) this.choices.set(choice, (state = { count: 0, ids: new Map() }));
    let assigned = false;
    for (const call of calls) {
      if (typeof call.index !== 'number') {
        const known = call.id === undefined ? undefined : state.ids.get(call.id);
        const starts = call.id !== undefined || Boolean(call.function?.name) || state.count === 0;
        call.index = known ?? (starts ? state.count : state.count - 1);
        assigned = true;
      }
      state.count = Math.max(state.count, call.index + 1);
      if (call.id !== undefined) state.ids.set(call.id, call.index);
    }
    return assigned;
  }
}
