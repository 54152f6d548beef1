package dev.lode.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntaxTreeTest {
  private final CodeParser parser = new CodeParser();

  private List<String> names(Grammar g, String source) {
    SyntaxTree tree = parser.parse(g, source);
    assertFalse(tree.hasErrors(), "fixture parses cleanly");
    return tree.functions().stream().map(FunctionSpan::qualifiedName).toList();
  }

  @Test
  void pythonMethodsAreQualifiedByTheirClass() {
    String src = """
        import os

        def top(x):
            return x + 1

        class Parser:
            @staticmethod
            def parse(text):
                def helper():
                    return 1
                return helper()
        """;
    assertEquals(List.of("top", "Parser.parse", "Parser.parse.helper"), names(Grammar.PYTHON, src));
    FunctionSpan top = parser.parse(Grammar.PYTHON, src).functions().get(0);
    assertEquals(3, top.startLine());
    assertEquals(4, top.endLine());
  }

  @Test
  void javaMethodsAndConstructorsAreFound() {
    String src = """
        package a;
        class Box {
          private int v;
          Box(int v) { this.v = v; }
          int get() { return v; }
          static class Inner { void run() {} }
        }
        """;
    assertEquals(List.of("Box.Box", "Box.get", "Box.Inner.run"), names(Grammar.JAVA, src));
  }

  @Test
  void goMethodsAreQualifiedByTheirReceiver() {
    String src = """
        package main

        type Server struct{}

        func (s *Server) Start(port int) error { return nil }

        func main() {}
        """;
    assertEquals(List.of("Server.Start", "main"), names(Grammar.GO, src));
  }

  @Test
  void rustFunctionsInImplBlocksAreQualifiedByTheType() {
    String src = """
        struct Stack<T> { items: Vec<T> }
        impl<T> Stack<T> {
            fn push(&mut self, t: T) { self.items.push(t); }
        }
        fn main() {}
        """;
    assertEquals(List.of("Stack.push", "main"), names(Grammar.RUST, src));
  }

  @Test
  void javascriptFunctionsArrowFunctionsAndMethodsAreFound() {
    String src = """
        function add(a, b) { return a + b; }
        const sub = (a, b) => a - b;
        class Calc {
          mul(a, b) { return a * b; }
        }
        """;
    assertEquals(List.of("add", "sub", "Calc.mul"), names(Grammar.JAVASCRIPT, src));
  }

  @Test
  void typescriptFunctionsAndMethodsAreFound() {
    String src = """
        export function greet(name: string): string { return `hi ${name}`; }
        export class Greeter {
          constructor(private readonly who: string) {}
          greet(): string { return greet(this.who); }
        }
        const shout = (s: string): string => s.toUpperCase();
        """;
    assertEquals(List.of("greet", "Greeter.constructor", "Greeter.greet", "shout"), names(Grammar.TYPESCRIPT, src));
  }

  @Test
  void brokenCodeIsReportedAsHavingErrors() {
    assertTrue(parser.parse(Grammar.PYTHON, "def f(:\n  return\n").hasErrors());
    assertTrue(parser.parse(Grammar.JAVA, "class A { void f( { }").hasErrors());
  }

  @Test
  void nonAsciiTextKeepsByteOffsetsConsistent() {
    String src = "# é ü 日本 😀\ndef f():\n    return 'ö😀'\n";
    SyntaxTree tree = parser.parse(Grammar.PYTHON, src);
    FunctionSpan f = tree.functions().get(0);
    assertEquals("def f():\n    return 'ö😀'", tree.text(tree.root().getDescendantForByteRange(f.startByte(), f.endByte())));
  }
}
