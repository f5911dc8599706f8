/**
 * A `--flag` a command accepts: a switch (`--strict-cidr`), or a flag with a value
 * (`--output json` or `--output=json`).
 */
export interface Flag {
  /** The name, without the leading `--`. */
  readonly name: string;
  /** One line for the usage. */
  readonly description: string;
  /**
   * For a flag that takes a value: the value's placeholder in the usage (`FORMAT`).
   * @default - a switch
   */
  readonly valueName?: string;
  /**
   * The allowed values; anything else is a usage error.
   * @default - any value
   */
  readonly choices?: readonly string[];
  /**
   * The value when the flag is not given.
   * @default - undefined
   */
  readonly defaultValue?: string;
  /**
   * The flag may be given more than once; every value is kept, in order (see `ParsedArgs.lists`).
   * @default false: the last occurrence wins
   */
  readonly repeatable?: boolean;
  /**
   * A one-letter alias, typed with one dash (`o` for `-o FILE`).
   * @default - none
   */
  readonly short?: string;
}

/** `--output text|json`, shared by the commands that can print JSON. */
export const OUTPUT_FLAG: Flag = {
  name: 'output',
  description: 'Output format',
  valueName: 'FORMAT',
  choices: ['text', 'json'],
  defaultValue: 'text',
};
