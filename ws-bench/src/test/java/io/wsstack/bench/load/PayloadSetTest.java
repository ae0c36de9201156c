package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PayloadSetTest {

    @Test
    @DisplayName("a scenario's messages differ in content and spread ±25 % around the nominal size, mean on it")
    void variedAroundNominal() {
        PayloadSet set = PayloadSet.of(20);
        assertThat(set.smallest()).isEqualTo(15);
        assertThat(set.largest()).isEqualTo(25);
        assertThat(set.meanSize()).isBetween(19.5, 20.5);
        Set<ByteBuf> distinct = new HashSet<>();
        for (int i = 0; i < PayloadSet.VARIANTS; i++) {
            distinct.add(set.get(i));
            assertThat(set.get(i).readableBytes()).isGreaterThanOrEqualTo(set.get(Math.max(0, i - 1)).readableBytes());
        }
        assertThat(distinct).hasSize(PayloadSet.VARIANTS); // ByteBuf equality is by content
        assertThat(set.get(PayloadSet.VARIANTS + 3)).isSameAs(set.get(3));

        PayloadSet large = PayloadSet.of(16384);
        assertThat(large.smallest()).isEqualTo(12288);
        assertThat(large.largest()).isEqualTo(20480);
    }
}
