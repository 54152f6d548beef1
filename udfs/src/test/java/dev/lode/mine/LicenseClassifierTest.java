package dev.lode.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LicenseClassifierTest {
  static final String MIT = "MIT License\n\nCopyright (c) 2015 Hynek\n\nPermission is hereby granted, free of charge, "
      + "to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), ...\n"
      + "The above copyright notice and this permission notice shall be included in\nall copies or substantial "
      + "portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND\n";
  static final String BSD3 = "Copyright 2010 Pallets\n\nRedistribution and use in source and binary forms, with or "
      + "without\nmodification, are permitted provided that the following conditions are\nmet:\n\n1.  "
      + "Redistributions of source code must retain the above copyright\n    notice, this list of conditions and the "
      + "following disclaimer.\n\n3.  Neither the name of the copyright holder nor the names of its\n    "
      + "contributors may be used to endorse or promote products derived from\n    this software without specific "
      + "prior written permission.\n";
  static final String BSD2 = "Copyright (c) 2020\n\nRedistribution and use in source and binary forms, with or without "
      + "modification, are permitted provided that the following conditions are met:\n\n1. Redistributions of source "
      + "code must retain the above copyright notice, this list of conditions and the following disclaimer.\n"
      + "2. Redistributions in binary form must reproduce the above copyright notice, this list of conditions and "
      + "the following disclaimer in the documentation.\n";
  static final String ISC = "ISC License\n\nCopyright (c) 2004 Someone\n\nPermission to use, copy, modify, and/or "
      + "distribute this software for any\npurpose with or without fee is hereby granted, provided that the above\n"
      + "copyright notice and this permission notice appear in all copies.\n";
  static final String UNLICENSE = "This is free and unencumbered software released into the public domain.\n\nAnyone "
      + "is free to copy, modify, publish, use, compile, sell, or\ndistribute this software.\n";

  @Test
  void permissiveLicensesAreRecognisedByTheirDefiningSentences() {
    Map<String, String> cases = Map.of(MIT, "MIT", BSD3, "BSD-3-Clause", BSD2, "BSD-2-Clause", ISC, "ISC",
        UNLICENSE, "Unlicense", "# MIT License\n\n**Permission is hereby granted, free of charge, to any person "
            + "obtaining a copy** ... The above copyright notice and this permission notice shall be included",
        "MIT");
    cases.forEach((text, spdx) -> assertEquals(Optional.of(spdx), LicenseClassifier.classify(text), spdx));
  }

  /** The full texts Debian ships, where this machine has them. */
  @Test
  void copyleftAndApacheTextsAreRecognisedByTheirTitles() throws IOException {
    Path licenses = Path.of("/usr/share/common-licenses");
    Map<String, String> cases = Map.of("Apache-2.0", "Apache-2.0", "GPL-2", "GPL-2.0", "GPL-3", "GPL-3.0",
        "LGPL-2.1", "LGPL-2.1", "LGPL-3", "LGPL-3.0", "MPL-2.0", "MPL-2.0");
    int checked = 0;
    for (Map.Entry<String, String> e : cases.entrySet()) {
      Path file = licenses.resolve(e.getKey());
      if (Files.isRegularFile(file)) {
        assertEquals(Optional.of(e.getValue()), LicenseClassifier.classify(Files.readString(file)), e.getKey());
        checked++;
      }
    }
    // Titles as the license texts open, for machines without Debian's copies.
    assertEquals(Optional.of("GPL-3.0"), LicenseClassifier.classify(
        "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n ... "
            + "use the GNU Lesser General Public License instead of this License."));
    assertEquals(Optional.of("Apache-2.0"), LicenseClassifier.classify(
        "\n                                 Apache License\n                           Version 2.0, January 2004\n"));
    assertEquals(Optional.of("MPL-2.0"), LicenseClassifier.classify("Mozilla Public License Version 2.0\n"
        + "==================================\n ... GNU Lesser General Public License, Version 2.1 ..."));
    assertTrue(checked >= 0);
  }

  @Test
  void anSpdxTagWinsAndUnknownTextsGiveNothing() {
    assertEquals(Optional.of("EUPL-1.2"), LicenseClassifier.classify("SPDX-License-Identifier: EUPL-1.2\n..."));
    assertEquals(Optional.empty(), LicenseClassifier.classify("All rights reserved. Do not copy."));
    assertEquals(Optional.empty(), LicenseClassifier.classify(""));
  }

  @Test
  void licenseFilesAreFoundByTheirUsualNames() {
    assertTrue(LicenseClassifier.isLicenseFileName("LICENSE"));
    assertTrue(LicenseClassifier.isLicenseFileName("LICENSE.txt"));
    assertTrue(LicenseClassifier.isLicenseFileName("licence.md"));
    assertTrue(LicenseClassifier.isLicenseFileName("COPYING"));
    assertFalse(LicenseClassifier.isLicenseFileName("LICENSE.py"));
    assertFalse(LicenseClassifier.isLicenseFileName("README"));
  }
}
