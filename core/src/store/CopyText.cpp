#include "store/CopyText.hpp"

#include <pqxx/tablewriter>

namespace acci::store::detail {

// tablewriter is deprecated, and the one public way in libpqxx 6.4 to send a COPY line as it is.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
CopyTextWriter::CopyTextWriter(
    pqxx::transaction_base& tx, const std::string& table, const std::vector<std::string>& columns)
    : m_writer(std::make_unique<pqxx::tablewriter>(tx, table, columns.begin(), columns.end()))
{
}
#pragma GCC diagnostic pop

CopyTextWriter::~CopyTextWriter() = default;

void CopyTextWriter::write(CopyTextRow& row)
{
    m_writer->write_raw_line(row.take());
}

void CopyTextWriter::complete()
{
    m_writer->complete();
}

} // namespace acci::store::detail
