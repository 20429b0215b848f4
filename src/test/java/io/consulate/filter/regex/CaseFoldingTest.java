// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The case-variant table behind the {@code i} flag. */
class CaseFoldingTest {

    @Test
    void variantsGroupAsciiLettersWithTheirUnicodeLookalikes() {
        assertThat(CaseFolding.variants('k')).containsExactlyInAnyOrder('K', 'k', 0x212A);
        assertThat(CaseFolding.variants('S')).containsExactlyInAnyOrder('S', 's', 0x17F);
        assertThat(CaseFolding.variants('σ')).containsExactlyInAnyOrder('Σ', 'σ', 'ς');
        assertThat(CaseFolding.variants(0x1C5)).containsExactlyInAnyOrder(0x1C4, 0x1C5, 0x1C6);
        assertThat(CaseFolding.variants(0x10400)).containsExactlyInAnyOrder(0x10400, 0x10428); // Deseret
    }

    @Test
    void turkishDottedAndDotlessIStayApartLikeGoWithoutTheTurkicRule() {
        assertThat(CaseFolding.variants('i')).containsExactlyInAnyOrder('I', 'i');
        assertThat(CaseFolding.variants(0x130)).containsExactly(0x130);
        assertThat(CaseFolding.variants(0x131)).containsExactly(0x131);
    }

    @Test
    void uncasedCharactersAreTheirOwnOnlyVariant() {
        assertThat(CaseFolding.variants('1')).containsExactly('1');
        assertThat(CaseFolding.variants(0x4E2D)).containsExactly(0x4E2D);
        assertThat(CaseFolding.anyVariant('1', c -> true)).isFalse();
    }

    @Test
    void noCharacterBeyondTheScannedPlanesHasACaseMapping() {
        for (int c = CaseFolding.LAST_CASED + 1; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.toUpperCase(c) != c || Character.toLowerCase(c) != c) {
                throw new AssertionError("cased character above the scanned range: U+" + Integer.toHexString(c));
            }
        }
    }
}
