package dev.syncwire.cli;

/** One significant token of a source file (comments and whitespace are never tokens). */
record SourceToken(Kind kind, String text, int line, int column) {
  enum Kind { WORD, NUMBER, STRING, PUNCT }
}
