# Строки интерфейса темы по умолчанию, на русском языке.
skip-link = Перейти к основному содержанию
menu = Меню
main-navigation = Основная навигация
language-switcher = Язык
feed-title = { $site }: последние изменения
verify-site = Проверить этот сайт
contact = Контакт:
contact-page = Страница контактов
recent-changes = Последние изменения (лента Atom)
printed-from = Напечатано с { $url } — адреса в скобках находятся на этом сайте.
published-by = Опубликовано: { $organisation }. Сайт подписан: каждый файл можно проверить по опубликованной подписи.
published = Опубликовано
last-updated = Обновлено
on-this-page = На этой странице
in-this-section = В этом разделе
updated = обновлено
everything-in-hub = Всё, что есть в этом центре
nothing-published = В этом разделе пока ничего не опубликовано.
link-to-section = Ссылка на этот раздел
responses = { $count ->
    [one] { $count } ответ
    [few] { $count } ответа
    [many] { $count } ответов
   *[other] { $count } ответа
}
stale-translation = Оригинал этой страницы изменился после перевода ({ $changed }). Перевод может быть устаревшим: прочитайте текущий оригинал.
survey-what-is-collected = Что собирается
survey-required = (обязательно)
survey-submit = Отправить и сохранить мой ответ
survey-save-again = Сохранить файл ответа ещё раз
survey-new-response = Начать новый ответ
survey-open-dates = Открыт с { $opens } по { $closes }.
