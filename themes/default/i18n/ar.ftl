# نصوص واجهة القالب الافتراضي باللغة العربية.
skip-link = انتقل إلى المحتوى الرئيسي
menu = القائمة
main-navigation = التنقل الرئيسي
language-switcher = اللغة
feed-title = { $site }: أحدث التغييرات
verify-site = تحقّق من هذا الموقع
contact = للتواصل:
contact-page = صفحة التواصل
recent-changes = أحدث التغييرات (موجز Atom)
printed-from = طُبع من { $url } — العناوين بين القوسين موجودة على هذا الموقع.
published-by = نشرته { $organisation }. هذا الموقع موقَّع: يمكن التحقق من كل ملف بالتوقيع المنشور.
published = نُشر في
last-updated = آخر تحديث في
on-this-page = في هذه الصفحة
in-this-section = في هذا القسم
updated = حُدّث في
everything-in-hub = كل ما في هذا المركز
nothing-published = لم يُنشر شيء في هذا القسم بعد.
link-to-section = رابط إلى هذا القسم
responses = { $count ->
    [zero] لا توجد ردود
    [one] ردّ واحد
    [two] ردّان
    [few] { $count } ردود
    [many] { $count } ردًّا
   *[other] { $count } ردّ
}
stale-translation = تغيّر النص الأصلي لهذه الصفحة بعد ترجمتها ({ $changed }). قد تكون هذه الترجمة قديمة: اقرأ النص الأصلي الحالي.
survey-what-is-collected = ما الذي يُجمع
survey-required = (إلزامي)
survey-submit = أرسل إجابتي واحفظها
survey-save-again = احفظ ملف الإجابة مرة أخرى
survey-new-response = ابدأ إجابة جديدة
survey-open-dates = مفتوح من { $opens } إلى { $closes }.
