package dev.lode.curate;

import dev.lode.code.ChangedFile;
import dev.lode.code.Languages;
import dev.lode.code.TestFiles;
import dev.lode.config.ConfigLoader;
import dev.lode.config.CurateConfig;
import java.util.ArrayList;
import java.util.List;

/** Commits as the rules see them, built the way bronze describes them. */
final class Fixtures {
  private Fixtures() {}

  static CurateConfig config(String... sets) {
    return ConfigLoader.load(null, List.of(sets)).curate();
  }

  /** A modified file with the given added and deleted line counts; language and test flag from the path. */
  static ChangedFile file(String path, int added, int deleted) {
    return ChangedFile.of(path, ChangedFile.MODIFY).language(Languages.of(path)).test(TestFiles.isTest(path))
        .lines(added, deleted).build();
  }

  static final List<String> ATTRS_TREE = List.of(
      ".github/workflows/ci.yml", "CHANGELOG.md", "LICENSE", "README.md", "changelog.d/towncrier_template.md.jinja",
      "conftest.py", "docs/conf.py", "docs/index.md", "pyproject.toml", "src/attr/__init__.py", "src/attr/_cmp.py",
      "src/attr/_compat.py", "src/attr/_funcs.py", "src/attr/_make.py", "src/attr/converters.py",
      "src/attr/validators.py", "src/attrs/__init__.py", "tests/__init__.py", "tests/test_cmp.py",
      "tests/test_compat.py", "tests/test_funcs.py", "tests/test_make.py", "tests/test_validators.py", "tox.ini");

  static Builder commit(String subject) {
    return new Builder(subject);
  }

  static final class Builder {
    private final String subject;
    private String body = "";
    private String author = "Hynek Schlawack";
    private String email = "hs@example.org";
    private int parents = 1;
    private final List<ChangedFile> files = new ArrayList<>();
    private List<String> tree = ATTRS_TREE;
    private String license = "MIT";

    Builder(String subject) {
      this.subject = subject;
    }

    Builder body(String b) {
      this.body = b;
      return this;
    }

    Builder author(String name, String mail) {
      this.author = name;
      this.email = mail;
      return this;
    }

    Builder parents(int n) {
      this.parents = n;
      return this;
    }

    Builder file(String path, int added, int deleted) {
      files.add(Fixtures.file(path, added, deleted));
      return this;
    }

    Builder file(ChangedFile f) {
      files.add(f);
      return this;
    }

    Builder tree(List<String> paths) {
      this.tree = paths;
      return this;
    }

    Builder license(String spdx) {
      this.license = spdx;
      return this;
    }

    CommitFacts build() {
      String message = body.isEmpty() ? subject + "\n" : subject + "\n\n" + body + "\n";
      return new CommitFacts("attrs-1a2b3c4d", "0123456789abcdef0123456789abcdef01234567", subject, message, author,
          email, parents, files, tree, license);
    }
  }
}
