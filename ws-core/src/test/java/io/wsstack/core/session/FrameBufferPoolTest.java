package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameBufferPoolTest {

    @Test
    @DisplayName("A returned buffer is handed out again, cleared")
    void reuses() {
        FrameBufferPool pool = new FrameBufferPool(2, 64);
        ByteBuffer first = pool.acquire();
        first.put((byte) 1).flip();
        pool.release(first);
        assertThat(pool.idleCount()).isEqualTo(1);
        ByteBuffer again = pool.acquire();
        assertThat(again).isSameAs(first);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(64);
        assertThat(pool.idleCount()).isZero();
    }

    @Test
    @DisplayName("The pool keeps at most its slot count; more returned buffers go to the garbage collector")
    void bounded() {
        FrameBufferPool pool = new FrameBufferPool(2, 64);
        ByteBuffer a = pool.acquire();
        ByteBuffer b = pool.acquire();
        ByteBuffer c = pool.acquire();
        pool.release(a);
        pool.release(b);
        pool.release(c);
        assertThat(pool.idleCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("UNPOOLED keeps nothing: every buffer is new")
    void unpooled() {
        ByteBuffer a = FrameBufferPool.UNPOOLED.acquire();
        FrameBufferPool.UNPOOLED.release(a);
        assertThat(FrameBufferPool.UNPOOLED.acquire()).isNotSameAs(a);
        assertThat(FrameBufferPool.UNPOOLED.idleCount()).isZero();
    }

    @Test
    @DisplayName("A buffer of another size is refused, so a caller's buffer can never enter the pool")
    void refusesForeignBuffers() {
        FrameBufferPool pool = new FrameBufferPool(2, 64);
        assertThatThrownBy(() -> pool.release(ByteBuffer.allocate(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
