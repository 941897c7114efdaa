package dev.syncwire.cli;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Java tokens from JavaParser's own lexer; the script lexer when JavaParser cannot read the file. */
final class JavaLexer {
  private JavaLexer() {}

  static List<SourceToken> tokens(String src) {
    JavaParser parser = new JavaParser(new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    ParseResult<CompilationUnit> result = parser.parse(src);
    Optional<CompilationUnit> unit = result.getResult();
    if (!result.isSuccessful() || unit.isEmpty() || unit.get().getTokenRange().isEmpty()) {
      return ScriptLexer.tokens(src);
    }
    List<SourceToken> tokens = new ArrayList<>();
    for (JavaToken token : unit.get().getTokenRange().get()) {
      if (token.getCategory().isWhitespaceOrComment() || token.getRange().isEmpty()) {
        continue;
      }
      int line = token.getRange().get().begin.line;
      int column = token.getRange().get().begin.column;
      String text = token.getText();
      SourceToken.Kind kind;
      if (token.getCategory().isLiteral() && text.startsWith("\"\"\"")) {
        kind = SourceToken.Kind.STRING;
        text = text.substring(3, Math.max(3, text.length() - 3));
      } else if (token.getCategory().isLiteral() && (text.startsWith("\"") || text.startsWith("'"))) {
        kind = SourceToken.Kind.STRING;
        text = text.substring(1, Math.max(1, text.length() - 1));
      } else if (token.getCategory().isLiteral() && !text.isEmpty() && Character.isDigit(text.charAt(0))) {
        kind = SourceToken.Kind.NUMBER;
      } else if (token.getCategory().isIdentifier() || token.getCategory().isKeyword() || token.getCategory().isLiteral()) {
        kind = SourceToken.Kind.WORD;
      } else {
        kind = SourceToken.Kind.PUNCT;
      }
      tokens.add(new SourceToken(kind, text, line, column));
    }
    return tokens;
  }
}
