package dev.corebank.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (a filter that fails, the container refusing a request) with a
 * problem too, instead of the default error page. It replaces Spring Boot's error controller.
 */
@RestController
class ProblemErrorController implements ErrorController {
    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // The trace filter does not run on an error dispatch of a request the container refused before it.
        TraceIds.assign(request);
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : HttpStatus.NOT_FOUND.value();
        HttpStatus resolved = HttpStatus.resolve(status);
        HttpStatus answer = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = answer.is5xxServerError() ? "the request failed; quote the traceId when reporting it"
                : answer.getReasonPhrase();
        return ResponseEntity.status(answer).body(Problems.of(answer, Problems.codeForStatus(answer.value()), detail,
                request));
    }
}
