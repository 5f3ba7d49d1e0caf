package dev.corebank.server.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every request its trace id before any other corebank filter can answer it with a problem. */
@Component
@Order(FilterOrders.TRACE_ID)
class TraceIdFilter extends OncePerRequestFilter {
    private final ObjectProvider<Tracer> tracer;

    TraceIdFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Spring's HTTP observation runs before this filter, so the current span is the request's.
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        TraceIds.assign(request, span == null ? null : span.context().traceId());
        chain.doFilter(request, response);
    }
}
