//! Why a Rego unit test failed, as `opa test --explain fails` tells it: the first expression of
//! the test's body that does not hold, its line, and the values of both sides of a comparison.
//!
//! The body's statements are re-evaluated as growing prefixes (statements 1..k) in rules added to
//! a copy of the engine, in the test's own package with its imports: the first prefix that is
//! undefined ends at the failing expression.

use regorus::{Engine, Value};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Explanation {
    /// Line of the failing expression in the test file.
    pub line: u32,
    pub expression: String,
    /// For a comparison: each side's source and value (`count(deny)` → `0`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<(String, String)>,
}

/// The first statement of test `name` (at `line` of `text`, in `package`) that does not hold.
/// `None` when the body cannot be taken apart (not a `{ ... }` body) or every prefix holds.
pub fn first_failing(
    engine: &Engine,
    text: &str,
    package: &str,
    name: &str,
    line: u32,
) -> Option<Explanation> {
    let statements = body_statements(text, line)?;
    let imports: String = text
        .lines()
        .filter(|l| l.starts_with("import "))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut module = format!("package {package}\n{imports}");
    for k in 1..=statements.len() {
        module.push_str(&rule(
            &format!("__tollgate_explain_{k}"),
            &statements[..k],
            None,
        ));
    }
    let mut engine = engine.clone();
    engine.set_rego_v0(false);
    engine
        .add_policy(format!("explain:{name}.rego"), module)
        .ok()?;
    engine.set_input(Value::new_object());
    let failing = (1..=statements.len()).find(|k| {
        !matches!(
            engine.eval_rule(format!("data.{package}.__tollgate_explain_{k}")),
            Ok(Value::Bool(true))
        )
    })?;
    let (stmt_line, expression) = statements[failing - 1].clone();
    let mut values = Vec::new();
    if let Some((lhs, rhs, modifiers)) = comparison_sides(&expression) {
        let before = &statements[..failing - 1];
        let mut sides = format!("package {package}\n{imports}");
        for (i, side) in [&lhs, &rhs].iter().enumerate() {
            sides.push_str(&rule(
                &format!("__tollgate_explain_side_{i}"),
                before,
                Some(&format!("({side}){modifiers}")),
            ));
        }
        if engine
            .add_policy(format!("explain-sides:{name}.rego"), sides)
            .is_ok()
        {
            for (i, side) in [lhs, rhs].into_iter().enumerate() {
                let value = engine
                    .eval_rule(format!("data.{package}.__tollgate_explain_side_{i}"))
                    .ok()
                    .and_then(|v| match v {
                        Value::Undefined => None,
                        v => serde_json::to_string(&v).ok(),
                    })
                    .unwrap_or_else(|| "undefined".to_string());
                // A literal side says nothing its text does not.
                if is_literal(&side) {
                    continue;
                }
                values.push((side, compact(&value)));
            }
        }
    }
    Some(Explanation {
        line: stmt_line,
        expression,
        values,
    })
}

/// A rule whose body is `statements`; with `value`, a rule that yields that expression after them.
fn rule(name: &str, statements: &[(u32, String)], value: Option<&str>) -> String {
    let mut body: String = statements.iter().map(|(_, s)| format!("\t{s}\n")).collect();
    match value {
        Some(v) => {
            body.push_str(&format!("\t__tollgate_value := {v}\n"));
            format!("{name} := __tollgate_value if {{\n{body}}}\n")
        }
        None => format!("{name} if {{\n{body}}}\n"),
    }
}

/// Is a Rego expression a literal (no reference or call outside its strings)?
fn is_literal(expr: &str) -> bool {
    let mut outside = String::new();
    let mut in_string: Option<char> = None;
    let mut escaped = false;
    for c in expr.chars() {
        match in_string {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    in_string = None;
                }
            }
            None if c == '"' || c == '`' => in_string = Some(c),
            None => outside.push(c),
        }
    }
    !outside
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| {
            word.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && !matches!(word, "true" | "false" | "null")
        })
}

/// Shortens a long value for one line.
fn compact(json: &str) -> String {
    if json.chars().count() > 200 {
        let cut: String = json.chars().take(200).collect();
        format!("{cut}…")
    } else {
        json.to_string()
    }
}

/// The statements of the `{ ... }` body of the rule that starts at `line`, each with its line.
fn body_statements(text: &str, line: u32) -> Option<Vec<(u32, String)>> {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum::<usize>();
    let header_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let open = start + text[start..header_end].find('{')?;
    // Only `test_x if {`, `test_x {` or `test_x contains ... if {`: not an object literal value.
    let header = &text[start..open];
    if header.contains(":=") || header.contains('=') {
        return None;
    }
    let mut statements = Vec::new();
    let (mut depth, mut current, mut current_line) = (0i32, String::new(), 0u32);
    let mut line_no = line;
    let mut chars = text[open + 1..].chars().peekable();
    let mut in_string: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(quote) = in_string {
            current.push(c);
            if c == '\\' && quote == '"' {
                if let Some(n) = chars.next() {
                    current.push(n);
                }
            } else if c == quote {
                in_string = None;
            } else if c == '\n' {
                line_no += 1;
            }
            continue;
        }
        match c {
            '"' | '`' => {
                in_string = Some(c);
                current.push(c);
            }
            '#' => {
                // A comment runs to the end of the line.
                for n in chars.by_ref() {
                    if n == '\n' {
                        line_no += 1;
                        push_statement(&mut statements, &mut current, current_line, depth);
                        break;
                    }
                }
            }
            '{' | '[' | '(' => {
                depth += 1;
                current.push(c);
            }
            '}' if depth == 0 => {
                push_statement(&mut statements, &mut current, current_line, 0);
                return (!statements.is_empty()).then_some(statements);
            }
            '}' | ']' | ')' => {
                depth -= 1;
                current.push(c);
            }
            '\n' | ';' => {
                if c == '\n' {
                    line_no += 1;
                }
                if depth == 0 {
                    push_statement(&mut statements, &mut current, current_line, 0);
                } else {
                    current.push(c);
                }
            }
            c => {
                if current.trim().is_empty() && !c.is_whitespace() {
                    current_line = line_no;
                }
                current.push(c);
            }
        }
    }
    None
}

fn push_statement(out: &mut Vec<(u32, String)>, current: &mut String, line: u32, depth: i32) {
    if depth != 0 {
        return;
    }
    let s = current.trim();
    if !s.is_empty() {
        out.push((line, s.to_string()));
    }
    current.clear();
}

/// `lhs OP rhs` for a comparison at the top level of an expression (outside brackets and
/// strings), not an assignment or unification, and its `with` modifiers (" with input as x").
fn comparison_sides(expr: &str) -> Option<(String, String, String)> {
    if expr.starts_with("some ") || expr.starts_with("not ") || expr.starts_with("every ") {
        return None;
    }
    let (expr, modifiers) = match top_level(expr, " with ") {
        Some(i) => (&expr[..i], &expr[i..]),
        None => (expr, ""),
    };
    let (lhs, rhs) = ["==", "!=", "<=", ">=", "<", ">"].iter().find_map(|op| {
        let i = top_level(expr, op)?;
        Some((expr[..i].trim(), expr[i + op.len()..].trim()))
    })?;
    if lhs.is_empty() || rhs.is_empty() || rhs.starts_with('=') {
        return None;
    }
    Some((lhs.to_string(), rhs.to_string(), modifiers.to_string()))
}

/// Byte offset of the first `needle` outside brackets and strings.
fn top_level(expr: &str, needle: &str) -> Option<usize> {
    let bytes = expr.as_bytes();
    let (mut depth, mut in_string) = (0i32, None::<u8>);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = in_string {
            if b == b'\\' && q == b'"' {
                i += 1;
            } else if b == q {
                in_string = None;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' | b'`' => in_string = Some(b),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            _ if depth == 0 && bytes[i..].starts_with(needle.as_bytes()) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "package demo\n\nimport rego.v1\n\ndeny contains \"x\" if input.bad\n";
    const TESTS: &str = "package demo_test\n\nimport data.demo\nimport rego.v1\n\ntest_counts if {\n\tfindings := demo.deny with input as {\"bad\": true}\n\t# the number of findings\n\tcount(findings) == 2\n\tfindings == {\"x\"}\n}\n\ntest_value := true\n";

    fn engine() -> Engine {
        let mut e = Engine::new();
        e.add_policy("demo.rego".into(), POLICY.into()).unwrap();
        e.add_policy("demo_test.rego".into(), TESTS.into()).unwrap();
        e
    }

    #[test]
    fn names_the_first_expression_that_does_not_hold_with_its_values() {
        let why = first_failing(&engine(), TESTS, "demo_test", "test_counts", 6).unwrap();
        assert_eq!(why.line, 9);
        assert_eq!(why.expression, "count(findings) == 2");
        assert_eq!(
            why.values,
            [("count(findings)".to_string(), "1".to_string())]
        );
        // A rule without a `{ ... }` body is not taken apart.
        assert!(first_failing(&engine(), TESTS, "demo_test", "test_value", 13).is_none());
    }

    #[test]
    fn statements_span_lines_inside_brackets_and_skip_strings_and_comments() {
        let text =
            "test_x if {\n\tx := [1,\n\t\t2] # not ; a split\n\ty := \"a } b; c\"\n\tx == y\n}\n";
        let statements = body_statements(text, 1).unwrap();
        assert_eq!(
            statements,
            [
                (2, "x := [1,\n\t\t2]".to_string()),
                (4, "y := \"a } b; c\"".to_string()),
                (5, "x == y".to_string())
            ]
        );
        assert_eq!(
            comparison_sides("count([a | a := \"==\"]) >= 1"),
            Some((
                "count([a | a := \"==\"])".to_string(),
                "1".to_string(),
                String::new()
            ))
        );
        assert_eq!(
            comparison_sides("count(deny) == 2 with input as {\"a\": 1}"),
            Some((
                "count(deny)".to_string(),
                "2".to_string(),
                " with input as {\"a\": 1}".to_string()
            ))
        );
        assert_eq!(comparison_sides("x := 1"), None);
        assert!(is_literal("{\"a\": [1, true], \"b\": \"x.y\"}"));
        assert!(!is_literal("count(deny)"));
        assert!(!is_literal("{\"a\": x}"));
    }
}
