import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState } from '@inquirer/core';

export interface KeyChoice<T> {
  key: string;
  name: string;
  value: T;
}

interface KeyPromptConfig<T> {
  message: string;
  /** Shown after the message: where this question is (`3/17, file 2 of 5`). */
  position?: string;
  choices: readonly KeyChoice<T>[];
}

/**
 * A question answered by one key, no Enter (git's `interactive.singleKey`,
 * ast-grep's interactive mode): `? Use tokio::time::sleep? (3/17, file 1 of 2) [y,n,a,r,q,?]`.
 * `?` lists what each key does; Enter and unknown keys answer nothing, so a
 * stray key never accepts a fix. Once answered, the line shows the answer.
 */
export const keyPrompt = createPrompt(<T>(config: KeyPromptConfig<T>, done: (value: T) => void) => {
  const [answered, setAnswered] = useState<KeyChoice<T> | null>(null);
  const [help, setHelp] = useState(false);
  const theme = makeTheme({});
  const prefix = usePrefix({ status: answered ? 'done' : 'idle', theme });
  useKeypress((event, rl) => {
    // What was typed: the key's name for letters, the line for `?` (a key without a name).
    const typed = (rl.line.slice(-1) || event.name || '').toLowerCase();
    rl.clearLine(0);
    if (isEnterKey(event) || !typed) return;
    if (typed === '?') {
      setHelp(!help);
      return;
    }
    const choice = config.choices.find((c) => c.key === typed);
    if (!choice) return;
    setAnswered(choice);
    done(choice.value);
  });
  const message = theme.style.message(config.message, answered ? 'done' : 'idle');
  if (answered) return `${prefix} ${message} ${theme.style.answer(answered.name)}`;
  const keys = `[${[...config.choices.map((c) => c.key), '?'].join(',')}]`;
  const line = `${prefix} ${message}${config.position ? ` (${config.position})` : ''} ${keys}`;
  if (!help) return line;
  return [line, ...config.choices.map((c) => `  ${c.key} - ${c.name}`), '  ? - show or hide this help'].join('\n');
});
