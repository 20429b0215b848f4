// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void padsEveryColumnButTheLastToItsWidestCellWithTwoSpacesBetween() {
        String table = Columns.columnize(List.of(
                List.of("Node", "Address", "Status"),
                List.of("a-long-name", "10.0.0.1:8301", "alive"),
                List.of("b", "10.0.0.22:8301", "left")));

        assertThat(table).isEqualTo("""
                Node         Address         Status
                a-long-name  10.0.0.1:8301   alive
                b            10.0.0.22:8301  left""");
    }

    @Test
    void trimsCellsAndKeepsTheGlueBeforeAnEmptyLastCell() {
        String table = Columns.columnize(List.of(List.of(" x ", "yy"), List.of("longer", "")));

        assertThat(table).isEqualTo("x       yy\nlonger  ");
    }

    @Test
    void countsCodePointsNotCharsForWidth() {
        String table = Columns.columnize(List.of(List.of("😀", "a"), List.of("bb", "c")));

        assertThat(table).isEqualTo("😀   a\nbb  c");
    }

    @Test
    void nothingToPrintIsEmpty() {
        assertThat(Columns.columnize(List.of())).isEmpty();
    }
}
