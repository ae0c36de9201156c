package io.wsstack.autoconfigure.metrics;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CloseCodeTagsTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "1000, 1000", "1001, 1001", "1002, 1002", "1005, 1005", "1006, 1006", "1007, 1007",
            "1009, 1009", "1011, 1011", "1015, 1015" })
    @DisplayName("RFC 6455 §7.4.1: defined close codes keep their number as tag")
    void definedCodesKeepTheirNumber(int code, String tag) {
        assertThat(CloseCodeTags.value(CloseCodeTags.index(code))).isEqualTo(tag);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({ "3000, 3xxx", "3999, 3xxx", "4000, 4xxx", "4001, 4xxx", "4999, 4xxx" })
    @DisplayName("RFC 6455 §7.4.2: codes the peer may choose freely (3000–4999) are grouped, bounding series")
    void peerChosenRangesAreGrouped(int code, String tag) {
        assertThat(CloseCodeTags.value(CloseCodeTags.index(code))).isEqualTo(tag);
    }

    @ParameterizedTest(name = "{0} → other")
    @CsvSource({ "0", "999", "1016", "2999", "5000", "-1", "65535" })
    @DisplayName("RFC 6455 §7.4.2: codes outside the defined ranges are tagged 'other'")
    void anythingElseIsOther(int code) {
        assertThat(CloseCodeTags.value(CloseCodeTags.index(code))).isEqualTo("other");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "0", "1000", "1015", "3000", "4000", "70000" })
    @DisplayName("every index is inside the cache")
    void indexesFitTheCache(int code) {
        assertThat(CloseCodeTags.index(code)).isBetween(0, CloseCodeTags.SIZE - 1);
    }
}
