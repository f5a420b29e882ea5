package io.picktartup.round.boundary;

import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.UUID;

/**
 * The investment contract PDF for the pages (session login; web.xml protects /my/*): the investor reads it on the
 * invest page and downloads it from their list. The same object-level rule as the API: investor, CEO, admins.
 */
@WebServlet("/my/investment-document")
public class InvestmentDocumentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient InvestmentSigning signing;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] pdf;
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(request.getParameter("id")));
            pdf = signing.document(id);
        } catch (IllegalArgumentException | NotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        } catch (jakarta.ejb.EJBException e) {
            if (e.getCause() instanceof NotFoundException) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            throw e;
        }
        response.setContentType("application/pdf");
        response.setHeader("Cache-Control", "private, no-store");
        boolean download = "1".equals(request.getParameter("download"));
        response.setHeader("Content-Disposition", (download ? "attachment" : "inline")
                + "; filename=\"picktartup-investment-" + id + ".pdf\"");
        response.setContentLength(pdf.length);
        response.getOutputStream().write(pdf);
    }
}
