/** The syntax tree MSBuild files are read from: @xml-tools/parser's, or the same shape built by msbuildWellFormed.ts. */

/**
 * The few parts of the @xml-tools/parser CST read here (its api.d.ts lists them all). A child key
 * is absent when the rule matched nothing, although api.d.ts types it as always there. Chevrotain
 * token end offsets are inclusive; tokens made up by error recovery are flagged
 * `isInsertedInRecovery` and have NaN offsets, as do nodes that recovery left empty.
 */
export interface CstToken {
  readonly image: string;
  readonly startOffset: number;
  readonly endOffset?: number;
  readonly isInsertedInRecovery?: boolean;
}
export type Tokens = readonly CstToken[] | undefined;
export interface CstDocument {
  readonly children: { readonly element?: readonly CstElement[] };
}
export interface CstElement {
  readonly children: {
    readonly OPEN?: Tokens;
    readonly Name?: Tokens;
    readonly attribute?: readonly CstAttribute[];
    readonly START_CLOSE?: Tokens;
    readonly content?: readonly CstContent[];
    readonly SLASH_OPEN?: Tokens;
    readonly END?: Tokens;
    readonly SLASH_CLOSE?: Tokens;
  };
}
export interface CstContent {
  readonly children: { readonly element?: readonly CstElement[]; readonly chardata?: readonly CstChardata[] };
}
export interface CstAttribute {
  readonly children: { readonly Name?: Tokens; readonly STRING?: Tokens };
}
/** One TEXT or SEA_WS token (the grammar has one per node; recovery may leave none). */
export interface CstChardata {
  readonly location?: { readonly startOffset: number; readonly endOffset?: number };
  readonly children: { readonly TEXT?: Tokens; readonly SEA_WS?: Tokens };
}
