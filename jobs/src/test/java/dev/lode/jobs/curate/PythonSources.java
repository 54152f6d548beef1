package dev.lode.jobs.curate;

/** Python files of an attrs-like package, the material the curation fixtures' commits edit. */
final class PythonSources {
  private PythonSources() {}

  static final String VALIDATORS = """
      \"\"\"Commonly useful validators.\"\"\"

      __all__ = ["in_", "instance_of"]


      class _InstanceOfValidator:
          def __init__(self, type):
              self.type = type

          def __call__(self, inst, attr, value):
              if not isinstance(value, self.type):
                  msg = f"'{attr.name}' must be {self.type!r} (got {value!r} that is a {value.__class__!r})."
                  raise TypeError(msg, attr, self.type, value)


      def instance_of(type):
          return _InstanceOfValidator(type)


      class _InValidator:
          def __init__(self, options):
              self.options = options

          def __call__(self, inst, attr, value):
              try:
                  in_options = value in self.options
              except TypeError:
                  in_options = False
              if not in_options:
                  msg = f"'{attr.name}' must be in {self.options!r} (got {value!r})"
                  raise ValueError(msg, attr, self.options, value)


      def in_(options):
          return _InValidator(options)
      """;

  static final String VALIDATORS_WITH_NE = VALIDATORS.replace("__all__ = [\"in_\", \"instance_of\"]",
      "__all__ = [\"in_\", \"instance_of\", \"ne\"]") + """


      class _NeValidator:
          def __init__(self, bound):
              self.bound = bound

          def __call__(self, inst, attr, value):
              if value == self.bound:
                  msg = f"'{attr.name}' must not be {self.bound!r}: {value!r}"
                  raise ValueError(msg, attr, self.bound, value)

          def __repr__(self):
              return f"<Validator for x != {self.bound!r}>"


      def ne(val):
          \"\"\"A validator that raises ValueError if the initializer is called with a value equal to *val*.\"\"\"
          return _NeValidator(val)
      """;

  static final String CONVERTERS = """
      \"\"\"Commonly useful converters.\"\"\"

      __all__ = ["default_if_none", "optional", "pipe"]


      def optional(converter):
          def optional_converter(val):
              if val is None:
                  return None
              return converter(val)

          return optional_converter


      def default_if_none(default):
          def default_if_none_converter(val):
              if val is not None:
                  return val
              return default

          return default_if_none_converter


      def pipe(*converters):
          def pipe_converter(val):
              for c in converters:
                  val = c(val)
              return val

          return pipe_converter
      """;

  /** Handling a factory default in default_if_none: a change of about a dozen lines. */
  static final String FACTORY_DEFAULT = """
      def default_if_none(default=NOTHING, factory=None):
          if default is NOTHING and factory is None:
              msg = "Must pass either `default` or `factory`."
              raise TypeError(msg)
          if default is not NOTHING and factory is not None:
              msg = "Must pass either `default` or `factory` but not both."
              raise TypeError(msg)
          if factory is not None:
              default = Factory(factory)
          if isinstance(default, Factory):
              if default.takes_self:
                  msg = "`takes_self` is not supported by default_if_none."
                  raise ValueError(msg)

              def default_if_none_converter(val):
                  if val is not None:
                      return val
                  return default.factory()

          else:

              def default_if_none_converter(val):
                  if val is not None:
                      return val
                  return default

          return default_if_none_converter
      """;

  static final String OLD_DEFAULT_IF_NONE = """
      def default_if_none(default):
          def default_if_none_converter(val):
              if val is not None:
                  return val
              return default

          return default_if_none_converter
      """;

  static String convertersWithFactory(String base) {
    return base.replace(OLD_DEFAULT_IF_NONE, FACTORY_DEFAULT);
  }

  /** A vendored copy carries an extra helper, so its before and after differ from upstream's. */
  static final String VENDORED_CONVERTERS = CONVERTERS + """


      def to_bool(val):
          if isinstance(val, str):
              val = val.lower()
          if val in (True, "true", "t", "yes", "y", "on", "1", 1):
              return True
          if val in (False, "false", "f", "no", "n", "off", "0", 0):
              return False
          msg = f"Cannot convert value to bool: {val!r}"
          raise ValueError(msg)
      """;

  /** Another project's different take on the same function: shares the signature checks, not the rest. */
  static final String LAZY_DEFAULT = """
      def default_if_none(default=NOTHING, factory=None):
          if default is NOTHING and factory is None:
              msg = "Must pass either `default` or `factory`."
              raise TypeError(msg)
          lazy = factory if factory is not None else (lambda: default)
          cache = {}

          def default_if_none_converter(val):
              if val is None:
                  if "value" not in cache:
                      cache["value"] = lazy()
                  return cache["value"]
              return val

          return default_if_none_converter
      """;

  static final String TEST_VALIDATORS = """
      import pytest

      from attr.validators import in_, instance_of


      class TestInstanceOf:
          def test_success(self):
              instance_of(int)(None, None, 42)

          def test_fail(self):
              with pytest.raises(TypeError):
                  instance_of(int)(None, simple_attr("x"), "42")
      """;

  static final String TEST_VALIDATORS_WITH_NE = TEST_VALIDATORS.replace("import in_, instance_of",
      "import in_, instance_of, ne") + """


      class TestNe:
          def test_in_all(self):
              assert ne.__name__ in validator_module.__all__

          def test_success(self):
              ne(42)(None, simple_attr("test"), 43)

          def test_fail(self):
              with pytest.raises(ValueError):
                  ne(42)(None, simple_attr("test"), 42)
      """;

  static final String TEST_CONVERTERS = """
      from attr.converters import default_if_none, optional, pipe


      class TestOptional:
          def test_success_with_type(self):
              assert optional(int)("42") == 42

          def test_success_with_none(self):
              assert optional(int)(None) is None
      """;

  static final String UPLOADER = """
      import boto3

      # Maintainer: Jane Roe <jane.roe@corp-mail.io>
      ACCESS_KEY = "AKIA" "IOSFODNN7EXAMPLQ"
      BUCKET = "attrs-artifacts"


      def upload(path, key=None):
          client = boto3.client("s3", aws_access_key_id=ACCESS_KEY)
          client.upload_file(path, BUCKET, key or path)
          return f"s3://{BUCKET}/{key or path}"
      """.replace("\"AKIA\" \"IOSFODNN7EXAMPLQ\"", "\"AKIA" + "IOSFODNN7EXAMPLQ\"");

  static final String TEST_UPLOADER = """
      from attr.upload import upload


      def test_upload_returns_the_url(s3):
          assert upload("dist/attrs.whl") == "s3://attrs-artifacts/dist/attrs.whl"

      def test_upload_takes_a_key(s3):
          assert upload("dist/attrs.whl", "latest.whl").endswith("latest.whl")
      """;

  static final String SLOTS = """
      def _make_slots(cls, names):
          slots = tuple(n for n in names if n not in getattr(cls, "__dict__", {}))
          return slots
      """;

  static final String SLOTS_FROZEN = """
      def _make_slots(cls, names, frozen=False):
          slots = tuple(n for n in names if n not in getattr(cls, "__dict__", {}))
          if frozen:
              slots += ("__weakref__",) if "__weakref__" not in slots else ()
              cls.__setattr__ = _frozen_setattrs
              cls.__delattr__ = _frozen_delattrs
          return slots
      """;
}
