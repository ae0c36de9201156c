package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    @DisplayName("a returned buffer is lent again, cleared for writing")
    void reuse() {
        BufferPool pool = new BufferPool(1024, 4);
        ByteBuffer a = pool.borrow();
        a.put((byte) 1).flip();
        pool.giveBack(a);
        ByteBuffer b = pool.borrow();
        assertThat(b).isSameAs(a);
        assertThat(b.position()).isZero();
        assertThat(b.limit()).isEqualTo(1024);
    }

    @Test
    @DisplayName("the pool keeps at most its capacity, however many buffers come back")
    void bounded() {
        BufferPool pool = new BufferPool(64, 3);
        List<ByteBuffer> lent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lent.add(pool.borrow());
        }
        lent.forEach(pool::giveBack);
        assertThat(pool.idleCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("buffers of another size, direct or read-only are not taken")
    void foreignBuffersIgnored() {
        BufferPool pool = new BufferPool(64, 3);
        pool.giveBack(ByteBuffer.allocate(65));
        pool.giveBack(ByteBuffer.allocateDirect(64));
        pool.giveBack(ByteBuffer.allocate(64).asReadOnlyBuffer());
        pool.giveBack(null);
        assertThat(pool.idleCount()).isZero();
    }
}
