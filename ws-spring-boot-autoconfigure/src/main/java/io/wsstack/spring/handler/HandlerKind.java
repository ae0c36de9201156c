package io.wsstack.spring.handler;

import java.lang.annotation.Annotation;

import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsOnError;
import io.wsstack.spring.WsOnOpen;

/** The four roles a handler method can have, each with its annotation. */
enum HandlerKind {

    OPEN(WsOnOpen.class),
    MESSAGE(WsHandler.class),
    CLOSE(WsOnClose.class),
    ERROR(WsOnError.class);

    private final Class<? extends Annotation> annotation;

    HandlerKind(Class<? extends Annotation> annotation) {
        this.annotation = annotation;
    }

    Class<? extends Annotation> annotation() {
        return annotation;
    }

    /** The annotation as written in source, for messages: {@code @WsOnOpen}. */
    String label() {
        return "@" + annotation.getSimpleName();
    }

    /** Whether the method's return value is sent to the peer; close and error methods run when nothing can be sent. */
    boolean sendsReturnValue() {
        return this == OPEN || this == MESSAGE;
    }
}
