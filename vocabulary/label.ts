/** A term's name in both languages and a sentence that explains it. */
export interface Label {
  readonly en: string;
  readonly zh: string;
  readonly description: string;
}

/** The labels of every value of a term. */
export type Labels<T extends string> = Readonly<Record<T, Label>>;
